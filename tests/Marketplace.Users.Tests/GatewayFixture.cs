using Marketplace.Gateway.Routing;
using Marketplace.Testing;

namespace Marketplace.Users.Tests;

/// <summary>The user service behind the real gateway; the other services' routes point at a closed port.</summary>
public sealed class GatewayFixture : UsersServiceFixture
{
    public ServiceHost<GatewayOptions> Gateway { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Gateway = GatewayHost.Start(null, ("users", Host.BaseAddress));
    }

    public HttpClient CreateGatewayClient() => new() { BaseAddress = Gateway.BaseAddress };

    public override async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await base.DisposeAsync();
    }
}
