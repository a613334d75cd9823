using System.Security.Claims;

namespace Marketplace.BuildingBlocks.Security;

// FindFirst(...)?.Value rather than FindFirstValue: that extension lives in ASP.NET Core Identity's assembly, which a
// service would otherwise load (about 0.5 MB mapped) for nothing else.
public static class ClaimsPrincipalExtensions
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";

    /// <summary>The token's <c>sub</c> as it was issued, or null without one.</summary>
    public static string? GetSubject(this ClaimsPrincipal user) => user.FindFirst(SubjectClaim)?.Value;

    /// <summary>The signed-in user's id (the token's <c>sub</c>).</summary>
    public static Guid GetUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.GetSubject(), out var id) ? id : throw new InvalidOperationException("The principal has no user id.");

    public static string? GetRole(this ClaimsPrincipal user) => user.FindFirst(RoleClaim)?.Value;

    public static bool IsAdmin(this ClaimsPrincipal user) => user.GetRole() == Roles.Admin;
}
