using System.Security.Claims;

namespace Marketplace.BuildingBlocks.Security;

public static class ClaimsPrincipalExtensions
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";

    /// <summary>The signed-in user's id (the token's <c>sub</c>).</summary>
    public static Guid GetUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(SubjectClaim), out var id) ? id : throw new InvalidOperationException("The principal has no user id.");

    public static string? GetRole(this ClaimsPrincipal user) => user.FindFirstValue(RoleClaim);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.GetRole() == Roles.Admin;
}
