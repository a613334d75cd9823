using Marketplace.Checkout.Infrastructure;
using Marketplace.Orders.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Checkout.Tests.Api;

/// <summary>
/// A checkout service of its own whose peers are down, and the real order service, which comes back on the port
/// checkout expects when the test ends the outage.
/// </summary>
public sealed class OrdersOutage : IAsyncDisposable
{
    private readonly Dictionary<string, int> _peerPorts = PeersDownFixture.ClosedPeerPorts();
    private ServiceHost<OrdersDbContext>? _orders;

    public ServiceHost<CheckoutDbContext> Checkout { get; private set; } = null!;

    public static async Task<OrdersOutage> BeginAsync()
    {
        var outage = new OrdersOutage();
        outage.Checkout = await PeersDownFixture.StartCheckoutAsync(outage._peerPorts);
        return outage;
    }

    public HttpClient CreateClient(Guid userId) => PeersDownFixture.ClientOf(Checkout, userId);

    /// <summary>Starts the order service; it returns a client that calls it as a service.</summary>
    public async Task<HttpClient> EndAsync()
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("orders_back");
        var settings = TestSettings.For(database, (await RedisServer.SharedAsync()).ConnectionString);
        settings["Marketplace:Services:products"] = $"http://127.0.0.1:{FreePorts.Next()}";
        _orders = new ServiceHost<OrdersDbContext>(settings, _peerPorts["orders"]);
        return _orders.CreateHttpClient().WithInternalToken();
    }

    public async ValueTask DisposeAsync()
    {
        if (_orders is not null)
        {
            await _orders.DisposeAsync();
        }

        await Checkout.DisposeAsync();
    }
}
