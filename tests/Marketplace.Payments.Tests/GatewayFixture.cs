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
        Host = GatewayHost.Start(null, ("payments", Payments.Host.BaseAddress));
    }

    public HttpClient CreateClient() => new() { BaseAddress = Host.BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Payments.DisposeAsync();
    }
}
