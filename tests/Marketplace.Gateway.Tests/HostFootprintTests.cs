using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Invocation;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Yarp.ReverseProxy;

namespace Marketplace.Gateway.Tests;

public sealed class HostFootprintTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public void Neither_a_service_nor_the_gateway_loads_a_data_protection_key_ring_at_start_up()
    {
        Assert.DoesNotContain("DataProtectionHostedService", HostedServiceNames(fixture.Auth.Services));
        Assert.DoesNotContain("DataProtectionHostedService", HostedServiceNames(fixture.Gateway.Services));
    }

    [Fact]
    public void Every_host_returns_its_idle_memory()
    {
        Assert.Contains(nameof(IdleMemoryTrimmer), HostedServiceNames(fixture.Auth.Services));
        Assert.Contains(nameof(IdleMemoryTrimmer), HostedServiceNames(fixture.Gateway.Services));
    }

    [Fact]
    public void The_edge_cache_lets_the_idle_trim_drop_its_expired_responses()
    {
        var store = Assert.IsType<InMemoryOutputCacheStore>(fixture.Gateway.Services.GetRequiredService<IOutputCacheStore>());

        Assert.Contains(store, fixture.Gateway.Services.GetServices<IIdleMemoryRelease>());
    }

    [Fact]
    public async Task The_idle_trim_can_be_switched_off()
    {
        await using var gateway = fixture.StartGateway(new Dictionary<string, string?> { ["Marketplace:IdleMemory:Enabled"] = "false" });

        Assert.DoesNotContain(nameof(IdleMemoryTrimmer), HostedServiceNames(gateway.Services));
    }

    [Fact]
    public void The_gateway_keeps_at_most_the_peer_connection_bound_to_each_service()
    {
        var clusters = fixture.Gateway.Services.GetRequiredService<IProxyStateLookup>().GetClusters().ToList();

        Assert.NotEmpty(clusters);
        Assert.All(clusters, cluster => Assert.Equal(ServiceInvocationExtensions.MaxConnectionsPerPeer, cluster.Model.Config.HttpClient?.MaxConnectionsPerServer));
    }

    private static string[] HostedServiceNames(IServiceProvider services) =>
        services.GetServices<IHostedService>().Select(service => service.GetType().Name).ToArray();
}
