namespace Marketplace.Auth.Domain;

/// <summary>Failed sign-ins per e-mail address, known or not, so a lock-out never tells whether an account exists.</summary>
public sealed class LoginThrottle
{
    public required string Email { get; set; }
    public int Failures { get; set; }
    public DateTimeOffset WindowStartedAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
}
