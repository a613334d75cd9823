using System.Security.Claims;
using Marketplace.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Marketplace.Orders.Security;

public static class Callers
{
    /// <summary>A signed-in user or a service: whoever may read an order, before ownership is checked.</summary>
    public const string UserOrServicePolicy = "user-or-service";

    public static IServiceCollection AddOrderPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(UserOrServicePolicy, policy => policy
            .AddAuthenticationSchemes(InternalAuthenticationHandler.SchemeName, JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser());
        return services;
    }

    /// <summary>The call came from another service with the service credential (not from a user through the gateway).</summary>
    public static bool IsService(this ClaimsPrincipal principal) =>
        principal.Identities.Any(identity => identity.IsAuthenticated && identity.AuthenticationType == InternalAuthenticationHandler.SchemeName);

    /// <summary>Services and admins see every order; anyone else only their own.</summary>
    public static bool MaySee(this ClaimsPrincipal principal, Domain.Order order) =>
        principal.IsService() || principal.IsAdmin() || principal.GetSubject() == order.UserId.ToString();
}
