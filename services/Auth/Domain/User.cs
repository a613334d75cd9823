namespace Marketplace.Auth.Domain;

public sealed class User
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Stored lower-cased, so uniqueness is case-insensitive.</summary>
    public required string Email { get; set; }

    public required string PasswordHash { get; set; }
    public required string Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
