using Marketplace.Auth.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Auth.Tests;

/// <summary>The auth service on a real port with its own fresh database and the shared test Redis.</summary>
public sealed class AuthServiceFixture : IAsyncLifetime
{
    public const string AdminEmail = "root-admin@marketplace.test";
    public const string AdminPassword = "bootstrap-admin-password";

    public ServiceHost<AuthDbContext> Host { get; private set; } = null!;
    public string DatabaseConnectionString { get; private set; } = null!;
    public string RedisConnectionString { get; private set; } = null!;
    public string PubSubName { get; } = $"pubsub-{Guid.NewGuid():N}";

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var redis = await RedisServer.SharedAsync();
        DatabaseConnectionString = await postgres.CreateDatabaseAsync("auth");
        RedisConnectionString = redis.ConnectionString;
        var settings = TestSettings.For(DatabaseConnectionString, RedisConnectionString);
        settings["Marketplace:Admin:Email"] = AdminEmail;
        settings["Marketplace:Admin:Password"] = AdminPassword;
        settings["Marketplace:Auth:MaxFailedLogins"] = "3";
        settings["Marketplace:EventBus:PubSubName"] = PubSubName;
        Host = new ServiceHost<AuthDbContext>(settings);
        Host.CreateHttpClient().Dispose();
    }

    public HttpClient CreateClient() => new() { BaseAddress = Host.BaseAddress };

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
