using System.Security.Claims;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Users.Apis.Requests;
using Marketplace.Users.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Users.Apis;

public static class ProfileApi
{
    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users");
        users.MapGet("/profile", GetOwnAsync).RequireAuthorization(Policies.User);
        users.MapPut("/profile", UpdateOwnAsync).WithValidation<UpdateProfileRequest>().RequireAuthorization(Policies.User);
        users.MapGet("/{userId}/profile", GetAnyAsync).RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>The caller's profile, created on the spot when the <c>UserRegistered</c> event has not arrived yet.</summary>
    public static async Task<Ok<Envelope<ProfileView>>> GetOwnAsync(
        ClaimsPrincipal principal, IProfileRepository profiles, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetOrCreateAsync(principal.GetUserId(), cancellationToken);
        return TypedResults.Ok(Envelope.Of(ProfileView.Of(profile)));
    }

    public static async Task<Ok<Envelope<ProfileView>>> UpdateOwnAsync(
        UpdateProfileRequest request, ClaimsPrincipal principal, IProfileRepository profiles, TimeProvider clock, CancellationToken cancellationToken)
    {
        var updated = await profiles.EditAsync(
            principal.GetUserId(),
            current =>
            {
                var changed = request.ApplyTo(current, clock.GetUtcNow());
                return ProfileEdit.Store(changed, changed);
            },
            cancellationToken);
        return TypedResults.Ok(Envelope.Of(ProfileView.Of(updated), "Profile updated"));
    }

    /// <summary>Admins only; unlike the caller's own profile, a missing one is not created.</summary>
    public static async Task<Results<Ok<Envelope<ProfileView>>, ProblemHttpResult, ValidationProblem>> GetAnyAsync(
        string userId, IProfileRepository profiles, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(userId, out var id))
        {
            return Problems.Validation("userId", "The user id must be a UUID.");
        }

        var profile = await profiles.FindAsync(id, cancellationToken);
        return profile is null ? Problems.NotFound("Profile not found.") : TypedResults.Ok(Envelope.Of(ProfileView.Of(profile)));
    }
}
