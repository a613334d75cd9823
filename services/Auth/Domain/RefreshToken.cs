namespace Marketplace.Auth.Domain;

/// <summary>
/// One link of a refresh-token family. Only the SHA-256 of the token is stored. Using a token revokes it and
/// issues its successor; presenting a revoked one again means it leaked, so the whole family is revoked.
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid FamilyId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Guid? ReplacedById { get; set; }
}
