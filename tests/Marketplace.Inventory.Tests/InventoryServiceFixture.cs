using Marketplace.Inventory.Infrastructure;
using Marketplace.Testing;
using Npgsql;
using StackExchange.Redis;

namespace Marketplace.Inventory.Tests;

/// <summary>The inventory service on a real port with its own database and its own event streams on the shared test Redis.</summary>
public sealed class InventoryServiceFixture : IAsyncLifetime
{
    private IConnectionMultiplexer _redis = null!;

    public ServiceHost<InventoryDbContext> Host { get; private set; } = null!;
    public EventStreams Events { get; private set; } = null!;
    public string DatabaseConnectionString { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var redis = await RedisServer.SharedAsync();
        DatabaseConnectionString = await postgres.CreateDatabaseAsync("inventory");
        var pubSubName = $"pubsub-{Guid.NewGuid():N}";
        var settings = TestSettings.For(DatabaseConnectionString, redis.ConnectionString);
        settings["Marketplace:EventBus:PubSubName"] = pubSubName;
        settings["Marketplace:Services:products"] = $"http://127.0.0.1:{ProcessRunner.FreePort()}";
        Host = new ServiceHost<InventoryDbContext>(settings);
        Host.CreateHttpClient().Dispose();
        _redis = await redis.ConnectAsync();
        Events = new EventStreams(_redis, pubSubName);
    }

    public HttpClient CreateClient() => new() { BaseAddress = Host.BaseAddress };

    public HttpClient CreateClient(string role, Guid? userId = null) => CreateClient().WithBearer(TestJwt.TokenFor(userId ?? Guid.NewGuid(), role));

    public HttpClient CreateInternalClient() => CreateClient().WithInternalToken();

    /// <summary>Runs a query on the service's database with <c>@productId</c> bound; returns the first column of the first row.</summary>
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
        _redis.Dispose();
    }
}
