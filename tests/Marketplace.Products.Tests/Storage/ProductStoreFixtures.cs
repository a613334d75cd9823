using System.Text.Json.Nodes;
using Dapper;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Products.Infrastructure;
using Marketplace.Products.Storage;
using Marketplace.Products.Storage.Mongo;
using Marketplace.Products.Storage.Postgres;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using MongoDB.Driver;
using Npgsql;

namespace Marketplace.Products.Tests.Storage;

/// <summary>An event a backend's outbox holds: its topic and payload.</summary>
public sealed record RecordedEvent(string Topic, JsonNode Payload);

/// <summary>A backend for the repository contract: fresh repositories on one store, and its outbox read back.</summary>
public interface IProductStoreFixture
{
    /// <summary>A repository for one unit of work (the jsonb one holds a DbContext, so each concurrent caller needs its own).</summary>
    IProductRepository NewRepository();

    Task<IReadOnlyList<RecordedEvent>> EventsAsync(Guid productId);
}

/// <summary>A fresh PostgreSQL database with the service's migrations applied.</summary>
public sealed class PostgresStoreFixture : IProductStoreFixture, IAsyncLifetime
{
    private readonly List<ProductsDbContext> _contexts = [];
    private DbContextOptions<ProductsDbContext> _options = null!;

    public string ConnectionString { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("product_store");
        _options = DatabaseExtensions.Configure(new DbContextOptionsBuilder<ProductsDbContext>(), ConnectionString).Options;
        await using var db = new ProductsDbContext(_options);
        await db.Database.MigrateAsync();
    }

    public IProductRepository NewRepository()
    {
        var db = new ProductsDbContext(_options);
        lock (_contexts)
        {
            _contexts.Add(db);
        }

        return new PostgresProductRepository(db, new OutboxSignal());
    }

    public async Task<IReadOnlyList<RecordedEvent>> EventsAsync(Guid productId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        var rows = await connection.QueryAsync<(string Topic, string Payload)>(
            "SELECT topic, payload::text FROM outbox_messages WHERE payload->>'productId' = @id ORDER BY occurred_at", new { id = productId.ToString() });
        return rows.Select(row => new RecordedEvent(row.Topic, JsonNode.Parse(row.Payload)!)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _contexts)
        {
            await db.DisposeAsync();
        }
    }
}

/// <summary>
/// A fresh database on the MongoDB server named by <c>MARKETPLACE_TEST_MONGO</c> (a replica set: the repository
/// writes in transactions), dropped afterwards. Without that variable every test using it is skipped.
/// </summary>
public sealed class MongoStoreFixture : IProductStoreFixture, IAsyncLifetime
{
    public const string Variable = "MARKETPLACE_TEST_MONGO";
    private MongoProductStore? _store;

    public async ValueTask InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        _store = new MongoProductStore(new MongoClient(connectionString).GetDatabase($"product_store_{Guid.NewGuid():N}"));
        await _store.CreateIndexesAsync(TimeSpan.FromDays(1), CancellationToken.None);
    }

    public IProductRepository NewRepository() => new MongoProductRepository(Store, new OutboxSignal());

    public async Task<IReadOnlyList<RecordedEvent>> EventsAsync(Guid productId)
    {
        var documents = await Store.Outbox.Find(FilterDefinition<MongoOutboxDocument>.Empty).Sort(MongoOutboxDocument.InOrder).ToListAsync();
        return documents.Select(d => new RecordedEvent(d.Topic, JsonNode.Parse(d.Payload)!))
            .Where(e => (string?)e.Payload["productId"] == productId.ToString())
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.Client.DropDatabaseAsync(_store.Database.DatabaseNamespace.DatabaseName);
        }
    }

    private MongoProductStore Store
    {
        get
        {
            if (_store is null)
            {
                Assert.Skip($"{Variable} is not set: no MongoDB server to run the repository contract against.");
            }

            return _store;
        }
    }
}
