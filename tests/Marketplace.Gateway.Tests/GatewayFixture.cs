using Marketplace.Auth.Infrastructure;
using Marketplace.Gateway.Routing;
using Marketplace.Testing;

namespace Marketplace.Gateway.Tests;

/// <summary>The real auth service behind the real gateway; the other services' URLs point at a closed port.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "https://shop.example.com";

    public ServiceHost<AuthDbContext> Auth { get; private set; } = null!;
    public ServiceHost<GatewayOptions> Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var redis = await RedisServer.SharedAsync();
        var settings = TestSettings.For(await postgres.CreateDatabaseAsync("gateway_auth"), redis.ConnectionString);
        settings["Marketplace:EventBus:PubSubName"] = $"pubsub-{Guid.NewGuid():N}";
        Auth = new ServiceHost<AuthDbContext>(settings);
        Auth.CreateHttpClient().Dispose();
        Gateway = StartGateway(new Dictionary<string, string?>());
    }

    /// <summary>Another gateway in front of the same services, with settings of its own.</summary>
    public ServiceHost<GatewayOptions> StartGateway(IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>(overrides);
        settings.TryAdd("Marketplace:Gateway:CorsOrigins:0", AllowedOrigin);
        return GatewayHost.Start(settings, ("auth", Auth.BaseAddress));
    }

    public HttpClient CreateClient() => new() { BaseAddress = Gateway.BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Auth.DisposeAsync();
    }
}
