namespace Marketplace.BuildingBlocks.Security;

public sealed class JwtOptions
{
    public const string Section = "Marketplace:Jwt";

    public string Issuer { get; set; } = "marketplace-auth";
    public string Audience { get; set; } = "marketplace";

    /// <summary>PEM of the ES256 public key. When empty, keys come from the auth service's JWKS document.</summary>
    public string? PublicKey { get; set; }

    /// <summary>App id that serves <c>/.well-known/jwks.json</c>.</summary>
    public string JwksAppId { get; set; } = "auth";

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
