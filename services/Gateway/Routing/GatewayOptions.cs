namespace Marketplace.Gateway.Routing;

public sealed class GatewayOptions
{
    public const string Section = "Marketplace:Gateway";

    /// <summary>Requests per second per client IP on all routes.</summary>
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests per minute per client IP on <c>/api/auth/*</c>, where guessing passwords pays.</summary>
    public int AuthPermitsPerMinute { get; set; } = 60;

    public string[] CorsOrigins { get; set; } = [];
}
