using Marketplace.Auth.Infrastructure;
using Marketplace.Gateway.Routing;
using Marketplace.Testing;

namespace Marketplace.Gateway.Tests;

/// <summary>The real auth service behind the real gateway; the other services' URLs point at a closed port.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "https://shop.example.com";

    private Dictionary<string, string?> _settings = null!;

    public ServiceHost<AuthDbContext> Auth { get; private set; } = null!;
    public ServiceHost<GatewayOptions> Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var redis = await RedisServer.SharedAsync();
        _settings = TestSettings.For(await postgres.CreateDatabaseAsync("gateway_auth"), redis.ConnectionString);
        _settings["Marketplace:EventBus:PubSubName"] = $"pubsub-{Guid.NewGuid():N}";
        Auth = new ServiceHost<AuthDbContext>(_settings);
        Auth.CreateHttpClient().Dispose();
        Gateway = StartGateway(new Dictionary<string, string?>());
    }

    /// <summary>Another gateway in front of the same services, with settings of its own.</summary>
    public ServiceHost<GatewayOptions> StartGateway(IReadOnlyDictionary<string, string?> overrides)
    {
        var closedPort = $"http://127.0.0.1:{ProcessRunner.FreePort()}";
        var settings = new Dictionary<string, string?>(_settings)
        {
            ["Marketplace:Gateway:CorsOrigins:0"] = AllowedOrigin,
            ["Marketplace:Services:auth"] = Auth.BaseAddress.ToString(),
        };
        foreach (var appId in new[] { "users", "products", "inventory", "orders", "checkout", "payments" })
        {
            settings[$"Marketplace:Services:{appId}"] = closedPort;
        }

        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var gateway = new ServiceHost<GatewayOptions>(settings);
        gateway.CreateHttpClient().Dispose();
        return gateway;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Gateway.BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Auth.DisposeAsync();
    }
}
