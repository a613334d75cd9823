using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.Invocation;
using Marketplace.BuildingBlocks.Runtime;
using Marketplace.BuildingBlocks.Security;
using Yarp.ReverseProxy.Configuration;

namespace Marketplace.Gateway.Routing;

/// <summary>
/// Builds YARP routes and clusters: local mode forwards to each service's URL, dapr mode to the sidecar's
/// invoke API (<c>/v1.0/invoke/{appId}/method/...</c>).
/// </summary>
public static class ProxyConfiguration
{
    /// <summary>The stricter per-IP limit on sign-in and registration routes.</summary>
    public const string AuthRateLimitPolicy = "auth";

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(MarketplaceRuntime runtime, IConfiguration configuration)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var (appId, prefixes) in PublicRoutes.Prefixes)
        {
            clusters.Add(new ClusterConfig
            {
                ClusterId = appId,
                Destinations = new Dictionary<string, DestinationConfig> { [appId] = new() { Address = DestinationAddress(runtime, configuration, appId) } },
                HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(30) },
                HttpClient = new HttpClientConfig { MaxConnectionsPerServer = ServiceInvocationExtensions.MaxConnectionsPerPeer },
            });
            routes.AddRange(prefixes.SelectMany(prefix => new[]
            {
                new RouteConfig { RouteId = $"{appId}{prefix}", ClusterId = appId, Match = new RouteMatch { Path = prefix }, RateLimiterPolicy = RateLimitFor(appId), OutputCachePolicy = CachePolicyFor(appId) },
                new RouteConfig { RouteId = $"{appId}{prefix}/rest", ClusterId = appId, Match = new RouteMatch { Path = prefix + "/{**rest}" }, RateLimiterPolicy = RateLimitFor(appId), OutputCachePolicy = CachePolicyFor(appId) },
            }));
            routes.Add(new RouteConfig
            {
                RouteId = $"{appId}-openapi",
                ClusterId = appId,
                Match = new RouteMatch { Path = $"/openapi/{appId}.json", Methods = ["GET"] },
                Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
            });
        }

        routes.AddRange(PublicRoutes.AdminOnlyRoutes.Select(route => new RouteConfig
        {
            RouteId = $"{route.AppId}-admin-{route.Method}{route.Path}",
            ClusterId = route.AppId,
            Match = new RouteMatch { Path = route.Path, Methods = [route.Method] },
            AuthorizationPolicy = Policies.Admin,
        }));
        return (routes, clusters);
    }

    private static string? RateLimitFor(string appId) => appId == "auth" ? AuthRateLimitPolicy : null;

    /// <summary>Only the catalog is cached at the edge; the policy itself caches nothing but public reads.</summary>
    private static string? CachePolicyFor(string appId) => appId == "products" ? CatalogCache.PolicyName : null;

    private static string DestinationAddress(MarketplaceRuntime runtime, IConfiguration configuration, string appId) =>
        runtime.IsDapr
            ? new Uri(runtime.DaprHttpEndpoint, $"/v1.0/invoke/{appId}/method/").ToString()
            : configuration[$"Marketplace:Services:{appId}"] ?? throw new InvalidOperationException($"Marketplace:Services:{appId} is not configured.");
}
