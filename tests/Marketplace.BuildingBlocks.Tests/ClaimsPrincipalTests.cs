using System.Security.Claims;
using Marketplace.BuildingBlocks.Security;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class ClaimsPrincipalTests
{
    private static ClaimsPrincipal Principal(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));

    [Fact]
    public void The_user_id_and_role_come_from_the_sub_and_role_claims()
    {
        var id = Guid.NewGuid();
        var principal = Principal(new Claim(ClaimsPrincipalExtensions.SubjectClaim, id.ToString()), new Claim(ClaimsPrincipalExtensions.RoleClaim, Roles.Admin));

        Assert.Equal(id.ToString(), principal.GetSubject());
        Assert.Equal(id, principal.GetUserId());
        Assert.Equal(Roles.Admin, principal.GetRole());
        Assert.True(principal.IsAdmin());
    }

    [Fact]
    public void A_principal_without_a_usable_subject_has_no_user_id()
    {
        Assert.Throws<InvalidOperationException>(() => Principal().GetUserId());
        Assert.Throws<InvalidOperationException>(() => Principal(new Claim(ClaimsPrincipalExtensions.SubjectClaim, "not-a-guid")).GetUserId());
        Assert.Null(Principal().GetSubject());
        Assert.Null(Principal().GetRole());
    }

    [Fact]
    public void Reading_claims_does_not_pull_in_the_identity_assembly()
    {
        // Every service loads this assembly; ASP.NET Core Identity's would cost each of them about 0.5 MB for one helper.
        var references = typeof(ClaimsPrincipalExtensions).Assembly.GetReferencedAssemblies().Select(name => name.Name);

        Assert.DoesNotContain("Microsoft.Extensions.Identity.Core", references);
    }
}
