using Marketplace.Gateway.Routing;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

/// <summary>The real gateway in front of a product service holding the demo catalog; the other services are not started.</summary>
public sealed class GatewayFixture : DemoCatalogFixture
{
    private const string Unreachable = "http://127.0.0.1:9";

    public ServiceHost<GatewayOptions> Gateway { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var settings = TestSettings.For("", RedisConnectionString);
        foreach (var appId in PublicRoutes.Prefixes.Keys)
        {
            settings[$"Marketplace:Services:{appId}"] = appId == "products" ? Host.BaseAddress.ToString() : Unreachable;
        }

        Gateway = new ServiceHost<GatewayOptions>(settings);
        Gateway.CreateHttpClient().Dispose();
    }

    public HttpClient CreateGatewayClient() => new() { BaseAddress = Gateway.BaseAddress };

    public override async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await base.DisposeAsync();
    }
}
