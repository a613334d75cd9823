using System.Security.Claims;
using Marketplace.Auth.Domain;
using Marketplace.BuildingBlocks.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Auth.Security;

/// <summary>Mints short-lived access tokens carrying the user's id (<c>sub</c>), e-mail, name and role.</summary>
public sealed class TokenIssuer(SigningKeys keys, IOptions<JwtOptions> jwt, IOptions<AuthOptions> auth, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public TimeSpan Lifetime => auth.Value.AccessTokenLifetime;

    public string Issue(User user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Value.Issuer,
            Audience = jwt.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + auth.Value.AccessTokenLifetime,
            SigningCredentials = keys.SigningCredentials,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.Email, user.Email),
                new Claim(JwtRegisteredClaimNames.Name, user.Name),
                new Claim(ClaimsPrincipalExtensions.RoleClaim, user.Role),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
            ]),
        });
    }
}
