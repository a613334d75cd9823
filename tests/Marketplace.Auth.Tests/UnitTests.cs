using Marketplace.Auth.Apis.Requests;
using Marketplace.Auth.Security;
using Microsoft.Extensions.Options;

namespace Marketplace.Auth.Tests;

public sealed class PasswordHasherTests
{
    private readonly PasswordHasher _hasher = new(Options.Create(new AuthOptions { PasswordWorkFactor = 4 }));

    [Fact]
    public void A_hash_verifies_its_password_only()
    {
        var hash = _hasher.Hash("correct horse");

        Assert.True(_hasher.Verify("correct horse", hash));
        Assert.False(_hasher.Verify("correct hors", hash));
        Assert.DoesNotContain("correct horse", hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Hashes_are_salted()
    {
        Assert.NotEqual(_hasher.Hash("same password"), _hasher.Hash("same password"));
    }

    [Fact]
    public void Characters_beyond_bcrypts_72_bytes_still_count()
    {
        var prefix = new string('p', 80);
        var hash = _hasher.Hash(prefix + "A");

        Assert.False(_hasher.Verify(prefix + "B", hash));
    }

    [Fact]
    public void An_unknown_account_never_verifies()
    {
        Assert.False(_hasher.Verify("not-a-real-password", null));
    }
}

public sealed class RegisterRequestValidatorTests
{
    private readonly RegisterRequestValidator _validator = new();

    [Theory]
    [InlineData("Ann", "ann@example.com", "secret1", null, true)]
    [InlineData("Ann", "ann@example.com", "secret1", "vendor", true)]
    [InlineData("", "ann@example.com", "secret1", null, false)]
    [InlineData("Ann", "not-an-email", "secret1", null, false)]
    [InlineData("Ann", "ann@example", "secret1", null, false)]
    [InlineData("Ann", "ann@example.com", "short", null, false)]
    [InlineData("Ann", "ann@example.com", "secret1", "superuser", false)]
    public void Validates_each_field(string name, string email, string password, string? role, bool valid)
    {
        Assert.Equal(valid, _validator.Validate(new RegisterRequest(name, email, password, role)).IsValid);
    }

    [Fact]
    public void Reports_every_missing_field_by_name()
    {
        var result = _validator.Validate(new RegisterRequest(null, null, null, null));

        Assert.Equal(["Email", "Name", "Password"], result.Errors.Select(e => e.PropertyName).Order());
    }
}
