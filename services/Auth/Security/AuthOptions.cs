namespace Marketplace.Auth.Security;

public sealed class AuthOptions
{
    public const string Section = "Marketplace:Auth";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>bcrypt work factor; 12 in production, lower only in tests.</summary>
    public int PasswordWorkFactor { get; set; } = 12;

    public int MaxFailedLogins { get; set; } = 5;
    public TimeSpan FailedLoginWindow { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class AdminBootstrapOptions
{
    public const string Section = "Marketplace:Admin";

    public string? Email { get; set; }
    public string? Password { get; set; }
    public string Name { get; set; } = "Marketplace Admin";
}
