using Microsoft.Extensions.Options;

namespace Marketplace.Auth.Security;

/// <summary>bcrypt over a SHA-384 pre-hash, so passwords longer than bcrypt's 72 bytes keep every character.</summary>
public sealed class PasswordHasher(IOptions<AuthOptions> options)
{
    // A real hash to compare against when the account does not exist, so both paths cost the same.
    private readonly Lazy<string> _dummyHash = new(() => Hash("not-a-real-password", options.Value.PasswordWorkFactor));

    public string Hash(string password) => Hash(password, options.Value.PasswordWorkFactor);

    public bool Verify(string password, string? hash) =>
        BCrypt.Net.BCrypt.EnhancedVerify(password, hash ?? _dummyHash.Value, BCrypt.Net.HashType.SHA384) && hash is not null;

    private static string Hash(string password, int workFactor) =>
        BCrypt.Net.BCrypt.EnhancedHashPassword(password, BCrypt.Net.HashType.SHA384, workFactor);
}
