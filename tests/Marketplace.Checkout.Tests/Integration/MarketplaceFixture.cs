using Marketplace.Checkout.Infrastructure;
using Marketplace.Payments.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Checkout.Tests.Integration;

/// <summary>Every service checkout touches, in-process on real ports, behind the real gateway.</summary>
public sealed class MarketplaceFixture : IAsyncLifetime
{
    public PeerServices Peers { get; private set; } = null!;
    public ServiceHost<PaymentsDbContext> Payments { get; private set; } = null!;
    public ServiceHost<CheckoutDbContext> Checkout { get; private set; } = null!;
    public ServiceHost<Gateway.Routing.GatewayOptions> Gateway { get; private set; } = null!;
    public Shop Shop { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Peers = await PeerServices.StartAsync();
        Payments = await Peers.HostAsync<PaymentsDbContext>("payments");
        Checkout = await Peers.HostAsync<CheckoutDbContext>("checkout", Peers.CheckoutPeers(Payments.BaseAddress));
        Gateway = GatewayHost.Start(new Dictionary<string, string?> { ["Marketplace:Gateway:PermitsPerSecond"] = "10000" },
            ("products", Peers.Products.BaseAddress), ("inventory", Peers.Inventory.BaseAddress), ("orders", Peers.Orders.BaseAddress),
            ("payments", Payments.BaseAddress), ("checkout", Checkout.BaseAddress));
        Shop = new Shop(Peers, () => Payments.BaseAddress);
    }

    /// <summary>A client of the gateway, signed in with <paramref name="token"/> when given.</summary>
    public HttpClient GatewayClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        return token is null ? client : client.WithBearer(token);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Checkout.DisposeAsync();
        await Payments.DisposeAsync();
        await Peers.DisposeAsync();
    }
}

/// <summary>The test classes that share one marketplace.</summary>
[CollectionDefinition(Name)]
public sealed class MarketplaceCollection : ICollectionFixture<MarketplaceFixture>
{
    public const string Name = "marketplace";
}
