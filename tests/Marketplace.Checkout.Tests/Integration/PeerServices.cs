using Marketplace.Inventory.Infrastructure;
using Marketplace.Orders.Infrastructure;
using Marketplace.Products.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Checkout.Tests.Integration;

/// <summary>
/// The real product, inventory and order services in-process on real ports, each with its own database, sharing one
/// pub/sub name with whatever else the test starts, so product and order events reach every subscriber.
/// </summary>
public sealed class PeerServices : IAsyncDisposable
{
    private PeerServices(string redis) => Redis = redis;

    public string Redis { get; }
    public string PubSubName { get; } = $"pubsub-{Guid.NewGuid():N}";
    public ServiceHost<ProductsDbContext> Products { get; private set; } = null!;
    public ServiceHost<InventoryDbContext> Inventory { get; private set; } = null!;
    public ServiceHost<OrdersDbContext> Orders { get; private set; } = null!;

    public static async Task<PeerServices> StartAsync()
    {
        var peers = new PeerServices((await RedisServer.SharedAsync()).ConnectionString);
        peers.Products = await peers.HostAsync<ProductsDbContext>("products");
        peers.Inventory = await peers.HostAsync<InventoryDbContext>("inventory", ("products", peers.Products.BaseAddress));
        peers.Orders = await peers.HostAsync<OrdersDbContext>("orders", ("products", peers.Products.BaseAddress));
        return peers;
    }

    /// <summary>Settings for one more service of this marketplace: its own database, the shared Redis and pub/sub, and its peers.</summary>
    public async Task<Dictionary<string, string?>> SettingsAsync(string database, params (string AppId, Uri Address)[] peers)
    {
        var settings = TestSettings.For(await (await PostgresServer.SharedAsync()).CreateDatabaseAsync(database), Redis);
        settings["Marketplace:EventBus:PubSubName"] = PubSubName;
        settings["Payments:Gateway:Timeout"] = "00:00:00.300";
        settings["Payments:Gateway:MaxAttempts"] = "2";
        settings["Payments:Gateway:RetryDelay"] = "00:00:00.050";
        foreach (var (appId, address) in peers)
        {
            settings[$"Marketplace:Services:{appId}"] = address.ToString();
        }

        return settings;
    }

    /// <summary>The addresses checkout needs, with payments wherever the test runs it.</summary>
    public (string, Uri)[] CheckoutPeers(Uri payments) =>
        [("orders", Orders.BaseAddress), ("inventory", Inventory.BaseAddress), ("payments", payments)];

    public async Task<ServiceHost<T>> HostAsync<T>(string database, params (string AppId, Uri Address)[] peers)
        where T : class
    {
        var host = new ServiceHost<T>(await SettingsAsync(database, peers));
        host.CreateHttpClient().Dispose();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Orders.DisposeAsync();
        await Inventory.DisposeAsync();
        await Products.DisposeAsync();
    }
}
