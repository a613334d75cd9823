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

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        Redis = await RedisServer.SharedAsync();
        DatabaseConnectionString = await postgres.CreateDatabaseAsync("payments");
        var settings = TestSettings.For(DatabaseConnectionString, Redis.ConnectionString);
        settings["Marketplace:EventBus:PubSubName"] = PubSubName;
        settings["Payments:Gateway:Timeout"] = "00:00:00.300";
        settings["Payments:Gateway:MaxAttempts"] = "2";
        settings["Payments:Gateway:RetryDelay"] = "00:00:00.050";
        Host = new ServiceHost<PaymentsDbContext>(settings);
        Host.CreateHttpClient().Dispose();
    }

    public HttpClient CreateClient() => new() { BaseAddress = Host.BaseAddress };

    public HttpClient CreateInternalClient() => CreateClient().WithInternalToken();

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
