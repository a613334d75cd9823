using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Marketplace.BuildingBlocks.Runtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Security;

/// <summary>
/// Authenticates service-to-service calls: in dapr mode the sidecar's <c>dapr-api-token</c> (APP_API_TOKEN),
/// in local mode the shared internal token from the secret store.
/// </summary>
public sealed class InternalAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MarketplaceRuntime runtime,
    InternalTokenProvider tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Internal";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (header, expected) = runtime.IsDapr && runtime.AppApiToken is not null
            ? (MarketplaceRuntime.DaprApiTokenHeader, runtime.AppApiToken)
            : (MarketplaceRuntime.InternalTokenHeader, tokens.Token);
        if (!Request.Headers.TryGetValue(header, out var presented) || string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!FixedTimeEquals(presented.ToString(), expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid service credential."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimsPrincipalExtensions.RoleClaim, "service")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
