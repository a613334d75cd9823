using Marketplace.Checkout.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Checkout.Tests.Api;

/// <summary>
/// The checkout service with every peer unreachable (closed ports): each saga retries the order service until its
/// short deadline and then fails, and requests answer 202 long before that.
/// </summary>
public sealed class PeersDownFixture : IAsyncLifetime
{
    public ServiceHost<CheckoutDbContext> Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("checkout_api");
        var settings = TestSettings.For(database, (await RedisServer.SharedAsync()).ConnectionString);
        foreach (var peer in new[] { "orders", "inventory", "payments" })
        {
            settings[$"Marketplace:Services:{peer}"] = $"http://127.0.0.1:{ProcessRunner.FreePort()}";
        }

        settings["Checkout:ResponseWait"] = "00:00:00.300";
        settings["Checkout:RetryDeadline"] = "00:00:01.500";
        settings["Checkout:RetryInitialDelay"] = "00:00:00.050";
        settings["Checkout:RecoveryInterval"] = "00:00:00.500";
        Host = new ServiceHost<CheckoutDbContext>(settings);
        Host.CreateHttpClient().Dispose();
    }

    public HttpClient CreateClient(Guid? userId = null)
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress };
        return userId is { } id ? client.WithBearer(TestJwt.TokenFor(id, "customer")) : client;
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
