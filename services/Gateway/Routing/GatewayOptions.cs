namespace Marketplace.Gateway.Routing;

public sealed class GatewayOptions
{
    public const string Section = "Marketplace:Gateway";

    /// <summary>Requests per second per client IP on all routes.</summary>
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests per minute per client IP on <c>/api/auth/*</c>, where guessing passwords pays.</summary>
    public int AuthPermitsPerMinute { get; set; } = 60;

    public string[] CorsOrigins { get; set; } = [];

    /// <summary>
    /// How long the gateway serves a public catalog read from its own cache. Writes through this gateway, and with Redis
    /// writes anywhere, evict it at once; this bounds how stale a read can be when an eviction is missed.
    /// </summary>
    public TimeSpan CatalogCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
