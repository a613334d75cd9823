using Marketplace.Gateway.Routing;
using Marketplace.Testing;

namespace Marketplace.Payments.Tests;

/// <summary>The real API gateway in front of the payment service; the other services' routes lead nowhere.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public PaymentsServiceFixture Payments { get; } = new();
    public ServiceHost<GatewayOptions> Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Payments.InitializeAsync();
        var settings = TestSettings.For(Payments.DatabaseConnectionString, Payments.Redis.ConnectionString);
        foreach (var appId in PublicRoutes.Prefixes.Keys)
        {
            settings[$"Marketplace:Services:{appId}"] = "http://127.0.0.1:9";
        }

        settings["Marketplace:Services:payments"] = Payments.Host.BaseAddress.ToString();
        Host = new ServiceHost<GatewayOptions>(settings);
        Host.CreateHttpClient().Dispose();
    }

    public HttpClient CreateClient() => new() { BaseAddress = Host.BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Payments.DisposeAsync();
    }
}
