using Marketplace.Gateway.Routing;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

/// <summary>
/// The real gateway in front of a product service holding the demo catalog, with Redis as run.sh gives it; the other
/// services are not started.
/// </summary>
public sealed class GatewayFixture : DemoCatalogFixture
{
    public ServiceHost<GatewayOptions> Gateway { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Gateway = StartGateway(this);
    }

    public static ServiceHost<GatewayOptions> StartGateway(ProductsServiceFixture products) => GatewayHost.Start(
        new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = products.RedisConnectionString,
            ["Marketplace:EventBus:PubSubName"] = products.PubSubName,
        },
        ("products", products.Host.BaseAddress));

    public HttpClient CreateGatewayClient() => new() { BaseAddress = Gateway.BaseAddress };

    public override async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await base.DisposeAsync();
    }
}
