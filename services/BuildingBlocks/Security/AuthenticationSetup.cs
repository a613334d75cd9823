using System.Security.Cryptography;
using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Invocation;
using Marketplace.BuildingBlocks.Runtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.BuildingBlocks.Security;

public static class AuthenticationSetup
{
    public static IServiceCollection AddMarketplaceAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JwtOptions>(configuration.GetSection(JwtOptions.Section));
        services.AddSingleton<InternalTokenProvider>();
        services.AddSingleton(provider => new RememberingTokenHandler(provider.GetService<TimeProvider>() ?? TimeProvider.System) { MapInboundClaims = false });
        services.AddSingleton<IIdleMemoryRelease>(provider => provider.GetRequiredService<RememberingTokenHandler>());
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, InternalAuthenticationHandler>(InternalAuthenticationHandler.SchemeName, null);
        services.RemoveDataProtectionWarmUp();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, ServiceEndpoints, IHttpClientFactory, IServiceProvider>(ConfigureJwtBearer);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.User, policy => policy.RequireAuthenticatedUser().AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme))
            .AddPolicy(Policies.Admin, policy => policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireClaim(ClaimsPrincipalExtensions.RoleClaim, Roles.Admin))
            .AddPolicy(Policies.VendorOrAdmin, policy => policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireClaim(ClaimsPrincipalExtensions.RoleClaim, Roles.Vendor, Roles.Admin))
            .AddPolicy(Policies.Internal, policy => policy.AddAuthenticationSchemes(InternalAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(Policies.InternalOrAdmin, policy => policy
                .AddAuthenticationSchemes(InternalAuthenticationHandler.SchemeName, JwtBearerDefaults.AuthenticationScheme)
                .RequireAssertion(context =>
                    context.User.Identities.Any(identity => identity.IsAuthenticated && identity.AuthenticationType == InternalAuthenticationHandler.SchemeName)
                    || context.User.HasClaim(ClaimsPrincipalExtensions.RoleClaim, Roles.Admin)));
        return services;
    }

    private static void ConfigureJwtBearer(JwtBearerOptions options, IOptions<JwtOptions> jwtOptions, ServiceEndpoints endpoints, IHttpClientFactory httpClients, IServiceProvider services)
    {
        var jwt = jwtOptions.Value;
        options.MapInboundClaims = false;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(services.GetRequiredService<RememberingTokenHandler>());
        options.RequireHttpsMetadata = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ClockSkew = jwt.ClockSkew,
            NameClaimType = JwtRegisteredClaimNames.Email,
            RoleClaimType = ClaimsPrincipalExtensions.RoleClaim,
        };

        var localKeys = services.GetService<ISigningKeySource>();
        if (localKeys is not null)
        {
            options.TokenValidationParameters.IssuerSigningKeys = localKeys.ValidationKeys;
        }
        else if (!string.IsNullOrWhiteSpace(jwt.PublicKey))
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(jwt.PublicKey);
            options.TokenValidationParameters.IssuerSigningKey = new ECDsaSecurityKey(ecdsa);
        }
        else
        {
            var address = endpoints.Resolve(jwt.JwksAppId, "/.well-known/jwks.json").ToString();
            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                address,
                new JwksConfigurationRetriever(),
                new HttpDocumentRetriever(httpClients.CreateClient(ServiceEndpoints.JwksClientName)) { RequireHttps = false })
            {
                AutomaticRefreshInterval = TimeSpan.FromMinutes(10),
                RefreshInterval = TimeSpan.FromSeconds(10),
            };
        }
    }
}

/// <summary>Implemented by the auth service, which validates its own tokens with the keys it signs with.</summary>
public interface ISigningKeySource
{
    IReadOnlyCollection<SecurityKey> ValidationKeys { get; }
}
