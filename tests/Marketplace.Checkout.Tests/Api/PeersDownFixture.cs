using Marketplace.Checkout.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Checkout.Tests.Api;

/// <summary>
/// The checkout service with every peer unreachable (closed ports): each saga retries the order service until its
/// short deadline and then keeps trying to abandon the checkout, and requests answer 202 long before that.
/// </summary>
public sealed class PeersDownFixture : IAsyncLifetime
{
    public ServiceHost<CheckoutDbContext> Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await StartCheckoutAsync(ClosedPeerPorts());

    public HttpClient CreateClient(Guid? userId = null) => ClientOf(Host, userId);

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A free port for each peer, with nothing listening on it.</summary>
    public static Dictionary<string, int> ClosedPeerPorts() =>
        new[] { "orders", "inventory", "payments" }.ToDictionary(peer => peer, _ => FreePorts.Next());

    /// <summary>A checkout service with short deadlines and quick retries, whose peers are on the given local ports.</summary>
    public static async Task<ServiceHost<CheckoutDbContext>> StartCheckoutAsync(IReadOnlyDictionary<string, int> peerPorts)
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("checkout_api");
        var settings = TestSettings.For(database, (await RedisServer.SharedAsync()).ConnectionString);
        foreach (var (peer, port) in peerPorts)
        {
            settings[$"Marketplace:Services:{peer}"] = $"http://127.0.0.1:{port}";
        }

        settings["Checkout:ResponseWait"] = "00:00:00.300";
        settings["Checkout:RetryDeadline"] = "00:00:01.500";
        settings["Checkout:RetryInitialDelay"] = "00:00:00.050";
        settings["Checkout:RetryMaxDelay"] = "00:00:00.200";
        settings["Checkout:RecoveryInterval"] = "00:00:00.500";
        var host = new ServiceHost<CheckoutDbContext>(settings);
        host.CreateHttpClient().Dispose();
        return host;
    }

    public static HttpClient ClientOf(ServiceHost<CheckoutDbContext> host, Guid? userId)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        return userId is { } id ? client.WithBearer(TestJwt.TokenFor(id, "customer")) : client;
    }
}
