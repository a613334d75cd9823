using Marketplace.Gateway.Routing;
using Marketplace.Testing;

namespace Marketplace.Users.Tests;

/// <summary>The user service behind the real gateway; the other services' routes point at a closed port.</summary>
public sealed class GatewayFixture : UsersServiceFixture
{
    private const string Unreachable = "http://127.0.0.1:9/";

    public ServiceHost<GatewayOptions> Gateway { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var settings = TestSettings.For("", RedisConnectionString);
        foreach (var appId in PublicRoutes.Prefixes.Keys)
        {
            settings[$"Marketplace:Services:{appId}"] = Unreachable;
        }

        settings["Marketplace:Services:users"] = Host.BaseAddress.ToString();
        Gateway = new ServiceHost<GatewayOptions>(settings);
        Gateway.CreateHttpClient().Dispose();
    }

    public HttpClient CreateGatewayClient() => new() { BaseAddress = Gateway.BaseAddress };

    public override async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await base.DisposeAsync();
    }
}
