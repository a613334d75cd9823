using Marketplace.Auth.Apis.Requests;
using Marketplace.Auth.Infrastructure;
using Marketplace.Auth.Security;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace Marketplace.Auth.Apis;

public static class AuthApi
{
    public const string AuthRateLimitPolicy = "auth";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/register", RegisterAsync).WithValidation<RegisterRequest>();
        auth.MapPost("/login", LoginAsync).WithValidation<LoginRequest>();
        auth.MapPost("/refresh", RefreshAsync).WithValidation<RefreshRequest>();
        auth.MapPost("/logout", LogoutAsync).WithValidation<RefreshRequest>();
        auth.MapPost("/password", ChangePasswordAsync).WithValidation<ChangePasswordRequest>().RequireAuthorization(Policies.User);
        auth.MapPost("/users", CreateUserAsync).WithValidation<RegisterRequest>().RequireAuthorization(Policies.Admin);
        app.MapGet("/.well-known/jwks.json", (SigningKeys keys) => TypedResults.Ok(new { keys = new[] { keys.PublicJwk } }))
            .WithTags("Auth").AllowAnonymous();
        return app;
    }

    public static async Task<Results<Created<Envelope<UserView>>, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, UserAccounts accounts, CancellationToken cancellationToken)
    {
        var role = request.Role ?? Roles.Customer;
        if (role == Roles.Admin)
        {
            return Problems.Forbidden("Admin accounts can only be created by an admin.");
        }

        return await CreateAsync(request, role, accounts, cancellationToken);
    }

    public static async Task<Results<Created<Envelope<UserView>>, ProblemHttpResult>> CreateUserAsync(
        RegisterRequest request, UserAccounts accounts, CancellationToken cancellationToken) =>
        await CreateAsync(request, request.Role ?? Roles.Customer, accounts, cancellationToken);

    private static async Task<Results<Created<Envelope<UserView>>, ProblemHttpResult>> CreateAsync(
        RegisterRequest request, string role, UserAccounts accounts, CancellationToken cancellationToken)
    {
        var user = await accounts.CreateAsync(request.Name!, request.Email!, request.Password!, role, cancellationToken);
        if (user is null)
        {
            return Problems.Conflict("An account with this email already exists.");
        }

        return TypedResults.Created($"/api/auth/users/{user.Id}", Envelope.Of(UserView.Of(user), "User registered successfully"));
    }

    public static async Task<Results<Ok<SignInResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, UserAccounts accounts, PasswordHasher hasher, LoginThrottler throttler,
        TokenIssuer tokens, RefreshTokenService refreshTokens, HttpResponse response, CancellationToken cancellationToken)
    {
        var email = Domain.User.NormalizeEmail(request.Email!);
        if (await throttler.LockedForAsync(email, cancellationToken) is { } lockedFor)
        {
            response.Headers.RetryAfter = RetryAfter.Seconds(lockedFor);
            return Problems.TooManyRequests("Too many failed sign-in attempts. Try again later.");
        }

        var user = await accounts.FindByEmailAsync(email, cancellationToken);
        if (!hasher.Verify(request.Password!, user?.PasswordHash))
        {
            await throttler.RecordFailureAsync(email, cancellationToken);
            return Problems.Unauthorized("Invalid email or password.");
        }

        await throttler.ResetAsync(email, cancellationToken);
        var refreshToken = await refreshTokens.IssueAsync(user!.Id, cancellationToken);
        return TypedResults.Ok(SignIn(user, tokens, refreshToken));
    }

    public static async Task<Results<Ok<SignInResponse>, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, RefreshTokenService refreshTokens, TokenIssuer tokens, CancellationToken cancellationToken)
    {
        var rotation = await refreshTokens.RotateAsync(request.RefreshToken!, cancellationToken);
        return rotation is null
            ? Problems.Unauthorized("The refresh token is invalid, expired or revoked.")
            : TypedResults.Ok(SignIn(rotation.User, tokens, rotation.RefreshToken));
    }

    public static async Task<Ok<Envelope<object?>>> LogoutAsync(
        RefreshRequest request, RefreshTokenService refreshTokens, CancellationToken cancellationToken)
    {
        await refreshTokens.RevokeAsync(request.RefreshToken!, cancellationToken);
        return TypedResults.Ok(Envelope.Of<object?>(null, "Signed out"));
    }

    public static async Task<Results<Ok<Envelope<object?>>, ProblemHttpResult, ValidationProblem>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, AuthDbContext db, PasswordHasher hasher,
        RefreshTokenService refreshTokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Problems.Unauthorized("The account no longer exists.");
        }

        if (!hasher.Verify(request.CurrentPassword!, user.PasswordHash))
        {
            return Problems.Validation("currentPassword", "The current password is wrong.");
        }

        // The new hash only replaces the one the current password was checked against, so of two changes made at
        // once one wins and the other is told; the sign-outs commit with it or not at all.
        var newHash = hasher.Hash(request.NewPassword!);
        await using var transaction = await db.Database.BeginAllOrNothingTransactionAsync(cancellationToken);
        var changed = await db.Users.Where(u => u.Id == userId && u.PasswordHash == user.PasswordHash)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, newHash).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), cancellationToken);
        if (changed == 0)
        {
            return Problems.Conflict("The password was changed by another request at the same time; sign in with the new one.");
        }

        await refreshTokens.RevokeAllForUserAsync(userId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(Envelope.Of<object?>(null, "Password changed; sign in again on other devices"));
    }

    private static SignInResponse SignIn(Domain.User user, TokenIssuer tokens, string refreshToken) =>
        new(true, tokens.Issue(user), refreshToken, (int)tokens.Lifetime.TotalSeconds, UserView.Of(user));
}
