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
        var redis = await RedisServer.SharedAsync();
        var settings = TestSettings.For(Inventory.DatabaseConnectionString, redis.ConnectionString);
        var closedPort = $"http://127.0.0.1:{ProcessRunner.FreePort()}";
        foreach (var appId in PublicRoutes.Prefixes.Keys)
        {
            settings[$"Marketplace:Services:{appId}"] = closedPort;
        }

        settings["Marketplace:Services:inventory"] = Inventory.Host.BaseAddress.ToString();
        settings["Marketplace:Services:products"] = Inventory.Products.BaseAddress.ToString();

        _gateway = new ServiceHost<GatewayOptions>(settings);
        _gateway.CreateHttpClient().Dispose();
    }

    public HttpClient CreateGatewayClient() => new() { BaseAddress = _gateway.BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await Inventory.DisposeAsync();
    }
}
