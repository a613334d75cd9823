using Marketplace.Inventory.Infrastructure;
using Marketplace.Products.Infrastructure;
using Marketplace.Testing;
using Npgsql;
using StackExchange.Redis;

namespace Marketplace.Inventory.Tests;

/// <summary>
/// The inventory service and the real products service it asks about products, each on a real port with its own database.
/// They share event streams on the test Redis, so the catalog's product events reach inventory as in production.
/// </summary>
public sealed class InventoryServiceFixture : IAsyncLifetime
{
    private IConnectionMultiplexer _redis = null!;

    public ServiceHost<InventoryDbContext> Host { get; private set; } = null!;
    public ServiceHost<ProductsDbContext> Products { get; private set; } = null!;
    public EventStreams Events { get; private set; } = null!;
    public string DatabaseConnectionString { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var redis = await RedisServer.SharedAsync();
        var pubSubName = $"pubsub-{Guid.NewGuid():N}";
        var productsSettings = TestSettings.For(await postgres.CreateDatabaseAsync("products"), redis.ConnectionString);
        productsSettings["Marketplace:EventBus:PubSubName"] = pubSubName;
        DatabaseConnectionString = await postgres.CreateDatabaseAsync("inventory");
        var settings = TestSettings.For(DatabaseConnectionString, redis.ConnectionString);
        settings["Marketplace:EventBus:PubSubName"] = pubSubName;

        // Each host takes its free port right before it starts, so no connection opened meanwhile can take the port first.
        Products = new ServiceHost<ProductsDbContext>(productsSettings);
        Products.CreateHttpClient().Dispose();
        settings["Marketplace:Services:products"] = Products.BaseAddress.ToString();
        Host = new ServiceHost<InventoryDbContext>(settings);
        Host.CreateHttpClient().Dispose();
        _redis = await redis.ConnectAsync();
        Events = new EventStreams(_redis, pubSubName);
    }

    public HttpClient CreateClient() => new() { BaseAddress = Host.BaseAddress };

    public HttpClient CreateClient(string role, Guid? userId = null) => CreateClient().WithBearer(TestJwt.TokenFor(userId ?? Guid.NewGuid(), role));

    public HttpClient CreateInternalClient() => CreateClient().WithInternalToken();

    public HttpClient CreateProductsClient(string role, Guid userId) =>
        new HttpClient { BaseAddress = Products.BaseAddress }.WithBearer(TestJwt.TokenFor(userId, role));

    /// <summary>Runs a query on the inventory database with <c>@productId</c> bound; returns the first column of the first row.</summary>
    public async Task<long> ScalarAsync(string sql, Guid productId)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("productId", productId);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Products.DisposeAsync();
        _redis.Dispose();
    }
}
