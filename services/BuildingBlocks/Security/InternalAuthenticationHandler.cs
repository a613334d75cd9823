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
/// <remarks>
/// daprd presents the app API token on every call it forwards, including the ones the gateway's sidecar passes on
/// from the outside world, so a call whose caller is the gateway is never a service call.
/// </remarks>
public sealed class InternalAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MarketplaceRuntime runtime,
    InternalTokenProvider tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Internal";
    public const string DaprCallerAppIdHeader = "dapr-caller-app-id";
    public const string EdgeAppId = "gateway";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var viaDapr = runtime.IsDapr && runtime.AppApiToken is not null;
        if (viaDapr && string.Equals(Request.Headers[DaprCallerAppIdHeader], EdgeAppId, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var (header, expected) = viaDapr
            ? (MarketplaceRuntime.DaprApiTokenHeader, runtime.AppApiToken!)
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
