using Microsoft.AspNetCore.Http;

namespace Marketplace.Gateway.Routing;

/// <summary>What the gateway exposes: each service's public route prefixes, and the internal routes it never forwards.</summary>
public static class PublicRoutes
{
    /// <summary>App id → the path prefixes routed to it.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Prefixes = new Dictionary<string, string[]>
    {
        ["auth"] = ["/api/auth"],
        ["users"] = ["/api/users"],
        ["products"] = ["/api/products"],
        ["inventory"] = ["/api/inventory"],
        ["orders"] = ["/api/orders"],
        ["checkout"] = ["/api/checkout"],
        ["payments"] = ["/api/payments"],
    };

    /// <summary>
    /// Routes the gateway forwards for admins only (anyone else gets 401/403 here); the service checks again.
    /// Paths are route templates.
    /// </summary>
    public static readonly (string AppId, string Method, string Path)[] AdminOnlyRoutes =
    [
        ("orders", HttpMethods.Put, "/api/orders/{id}/status"),
    ];

    private static readonly (string Method, string Path)[] ExactInternalRoutes =
    [
        (HttpMethods.Post, "/api/inventory/reserve"),
        (HttpMethods.Post, "/api/inventory/release"),
        (HttpMethods.Post, "/api/inventory/commit"),
        (HttpMethods.Post, "/api/orders"),
        (HttpMethods.Post, "/api/payments"),
        (HttpMethods.Post, "/api/products/lookup"),
    ];

    /// <summary>Service-to-service routes: answered 404 here whatever credential the caller presents.</summary>
    public static bool IsInternal(string method, PathString path)
    {
        var value = (path.Value ?? string.Empty).TrimEnd('/');
        foreach (var (internalMethod, internalPath) in ExactInternalRoutes)
        {
            if (HttpMethods.Equals(method, internalMethod) && string.Equals(value, internalPath, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
