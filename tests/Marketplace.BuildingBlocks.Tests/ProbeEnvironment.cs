using Marketplace.Testing;

namespace Marketplace.BuildingBlocks.Tests;

/// <summary>A fresh database and pub/sub name per test, on the shared real PostgreSQL and Redis.</summary>
public sealed record ProbeEnvironment(string DatabaseConnectionString, string RedisConnectionString, string PubSubName)
{
    public static async Task<ProbeEnvironment> CreateAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var redis = await RedisServer.SharedAsync();
        return new ProbeEnvironment(await postgres.CreateDatabaseAsync("probe"), redis.ConnectionString, $"pubsub-{Guid.NewGuid():N}");
    }

    public Dictionary<string, string?> Settings(int maxDeliveries = 5)
    {
        var settings = TestSettings.For(DatabaseConnectionString, RedisConnectionString);
        settings["Marketplace:EventBus:PubSubName"] = PubSubName;
        settings["Marketplace:EventBus:MaxDeliveries"] = maxDeliveries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    public string StreamKey(string topic) => $"{PubSubName}:{topic}";
}
