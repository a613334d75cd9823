using Marketplace.Auth.Domain;

namespace Marketplace.Auth.Apis;

public sealed record UserView(Guid Id, string Name, string Email, string Role)
{
    public static UserView Of(User user) => new(user.Id, user.Name, user.Email, user.Role);
}

/// <summary>Seed 003's login body (token and user at the top level), plus the refresh token and lifetime.</summary>
public sealed record SignInResponse(bool Success, string Token, string RefreshToken, int ExpiresIn, UserView User);
