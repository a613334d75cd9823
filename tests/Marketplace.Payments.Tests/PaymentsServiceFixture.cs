using System.Text.Json.Nodes;
using Marketplace.Payments.Infrastructure;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Payments.Tests;

/// <summary>The payment service on a real port with its own fresh database, a fast gateway timeout and the shared test Redis.</summary>
public sealed class PaymentsServiceFixture : IAsyncLifetime
{
    public ServiceHost<PaymentsDbContext> Host { get; private set; } = null!;
    public string DatabaseConnectionString { get; private set; } = null!;
    public string PubSubName { get; } = $"pubsub-{Guid.NewGuid():N}";
    public RedisServer Redis { get; private set; } = null!;

    /// <summary>Service settings for a database: a 300 ms provider timeout and 2 attempts, so a charge is over within about 0.65 s.</summary>
    public static Dictionary<string, string?> Settings(string databaseConnectionString, RedisServer redis, string pubSubName)
    {
        var settings = TestSettings.For(databaseConnectionString, redis.ConnectionString);
        settings["Marketplace:EventBus:PubSubName"] = pubSubName;
        settings["Payments:Gateway:Timeout"] = "00:00:00.300";
        settings["Payments:Gateway:MaxAttempts"] = "2";
        settings["Payments:Gateway:RetryDelay"] = "00:00:00.050";
        return settings;
    }

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        Redis = await RedisServer.SharedAsync();
        DatabaseConnectionString = await postgres.CreateDatabaseAsync("payments");
        Host = new ServiceHost<PaymentsDbContext>(Settings(DatabaseConnectionString, Redis, PubSubName));
        Host.CreateHttpClient().Dispose();
    }

    public HttpClient CreateClient() => new() { BaseAddress = Host.BaseAddress };

    public HttpClient CreateInternalClient() => CreateClient().WithInternalToken();

    public Task<long> ScalarAsync(string sql, params object[] parameters) => Database.ScalarAsync(DatabaseConnectionString, sql, parameters);

    /// <summary>The payload of the event about one order on the service's Redis stream, as a subscriber receives it.</summary>
    public Task<JsonNode> WaitForEventAsync(string topic, Guid orderId) => EventStreams.WaitForAsync(Redis, PubSubName, topic, orderId);

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

public static class Database
{
    /// <summary>Runs one statement on its own connection; returns its first column of its first row as a number (0 for none).</summary>
    public static async Task<long> ScalarAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await ScalarAsync(connection, sql, parameters);
    }

    public static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteScalarAsync() switch
        {
            null or DBNull => 0,
            var value => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
