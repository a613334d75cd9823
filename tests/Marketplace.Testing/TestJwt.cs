using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Testing;

/// <summary>One ES256 key pair per test run: auth signs with it, every other service validates with its public half.</summary>
public static class TestJwt
{
    public const string Issuer = "marketplace-auth";
    public const string Audience = "marketplace";
    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string PrivateKeyPem { get; } = Key.ExportECPrivateKeyPem();
    public static string PublicKeyPem { get; } = Key.ExportSubjectPublicKeyInfoPem();

    /// <summary>A token as auth would issue it, for a user that need not exist in auth's database.</summary>
    public static string TokenFor(Guid userId, string role, string? email = null, TimeSpan? lifetime = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(15)),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(Key), SecurityAlgorithms.EcdsaSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", userId.ToString()),
                new Claim("email", email ?? $"{userId:N}@test.local"),
                new Claim("name", "Test User"),
                new Claim("role", role),
            ]),
        });
    }
}
