using Marketplace.Gateway.Routing;
using Marketplace.Testing;

namespace Marketplace.Inventory.Tests;

/// <summary>The inventory and products services behind the real gateway, as clients reach them.</summary>
public sealed class InventoryBehindGatewayFixture : IAsyncLifetime
{
    private ServiceHost<GatewayOptions> _gateway = null!;

    public InventoryServiceFixture Inventory { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Inventory.InitializeAsync();
        _gateway = GatewayHost.Start(null, ("inventory", Inventory.Host.BaseAddress), ("products", Inventory.Products.BaseAddress));
    }

    public HttpClient CreateGatewayClient() => new() { BaseAddress = _gateway.BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await Inventory.DisposeAsync();
    }
}
