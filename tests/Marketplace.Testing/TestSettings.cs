namespace Marketplace.Testing;

/// <summary>The configuration every service under test shares; callers add their database and peers.</summary>
public static class TestSettings
{
    public const string InternalToken = "test-internal-token-0123456789abcdef";

    public static Dictionary<string, string?> For(string databaseConnectionString, string redisConnectionString) => new()
    {
        ["ConnectionStrings:Database"] = databaseConnectionString,
        ["ConnectionStrings:Redis"] = redisConnectionString,
        ["Marketplace:Runtime"] = "local",
        ["Marketplace:InternalToken"] = InternalToken,
        ["Marketplace:Jwt:PublicKey"] = TestJwt.PublicKeyPem,
        ["Marketplace:Jwt:SigningKey"] = TestJwt.PrivateKeyPem,
        ["Marketplace:Auth:PasswordWorkFactor"] = "4",
        ["Marketplace:EventBus:RedeliveryAfter"] = "00:00:01",
        ["Marketplace:EventBus:OutboxPollInterval"] = "00:00:00.200",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
    };
}
