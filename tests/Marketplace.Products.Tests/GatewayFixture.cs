using Marketplace.Gateway.Routing;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

/// <summary>The real gateway in front of a product service holding the demo catalog; the other services are not started.</summary>
public sealed class GatewayFixture : DemoCatalogFixture
{
    public ServiceHost<GatewayOptions> Gateway { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Gateway = GatewayHost.Start(null, ("products", Host.BaseAddress));
    }

    public HttpClient CreateGatewayClient() => new() { BaseAddress = Gateway.BaseAddress };

    public override async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await base.DisposeAsync();
    }
}
