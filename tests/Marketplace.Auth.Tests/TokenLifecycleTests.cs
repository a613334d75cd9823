using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Auth.Tests;

public sealed class TokenLifecycleTests(AuthServiceFixture fixture) : IClassFixture<AuthServiceFixture>
{
    private async Task<(HttpClient Client, string Email, JsonNode Login)> SignedInAsync(string password = "secret1", string role = "customer")
    {
        var client = fixture.CreateClient();
        var email = $"user-{Guid.NewGuid():N}@example.com";
        (await client.PostAsJsonAsync("/api/auth/register", new { name = "Tess", email, password, role })).EnsureSuccessStatusCode();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        return (client, email, await login.ReadJsonAsync());
    }

    [Fact]
    public async Task Access_token_is_ES256_with_user_claims_and_validates_against_the_JWKS()
    {
        var (client, email, login) = await SignedInAsync();
        var jwks = await client.GetStringAsync("/.well-known/jwks.json");

        var result = await new JsonWebTokenHandler().ValidateTokenAsync((string)login["token"]!, new TokenValidationParameters
        {
            ValidIssuer = TestJwt.Issuer,
            ValidAudience = TestJwt.Audience,
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(),
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal("ES256", token.Alg);
        Assert.Equal(email, token.GetClaim("email").Value);
        Assert.Equal("customer", token.GetClaim("role").Value);
        Assert.Equal((string)login["user"]!["id"]!, token.Subject);
        Assert.InRange((token.ValidTo - token.ValidFrom).TotalMinutes, 14, 16);
        Assert.DoesNotContain("\"d\"", jwks, StringComparison.Ordinal); // never the private part
    }

    [Fact]
    public async Task Refresh_rotates_and_reusing_an_old_token_revokes_the_family()
    {
        var (client, _, login) = await SignedInAsync();
        var first = (string)login["refreshToken"]!;

        var rotated = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = (string)(await rotated.ReadJsonAsync())["refreshToken"]!;
        Assert.NotEqual(first, second);

        var reuse = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first });
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);

        // The reuse revoked the whole family, including the token issued by the rotation.
        var afterReuse = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second });
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse.StatusCode);
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token()
    {
        var (client, _, login) = await SignedInAsync();
        var refreshToken = (string)login["refreshToken"]!;

        (await client.PostAsJsonAsync("/api/auth/logout", new { refreshToken })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken })).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_revokes_refresh_tokens()
    {
        var (client, email, login) = await SignedInAsync();
        client.WithBearer((string)login["token"]!);

        var wrong = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "nope-nope", newPassword = "another1" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.NotNull((await wrong.ReadJsonAsync())["errors"]!["currentPassword"]);

        (await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "secret1", newPassword = "another1" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = (string)login["refreshToken"]! })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { email, password = "secret1" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email, password = "another1" })).StatusCode);
    }

    [Fact]
    public async Task A_new_password_equal_to_the_current_one_is_refused_and_signs_nobody_out()
    {
        var (client, _, login) = await SignedInAsync();
        client.WithBearer((string)login["token"]!);

        var same = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "secret1", newPassword = "secret1" });

        await same.AssertFieldErrorAsync("newPassword", "newPassword must differ from the current password.");
        var refresh = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = (string)login["refreshToken"]! });
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Theory]
    [InlineData("/api/auth/refresh", "refreshToken", "refreshToken must be at most 200 characters.")]
    [InlineData("/api/auth/login", "email", "Email must be at most 255 characters.")]
    [InlineData("/api/auth/login", "password", "Password must be at most 128 characters.")]
    public async Task Overlong_credentials_are_refused_naming_the_field_and_its_limit(string route, string field, string message)
    {
        using var client = fixture.CreateClient();
        var body = new Dictionary<string, string> { ["email"] = "someone@example.com", ["password"] = "secret1", ["refreshToken"] = "token" };
        body[field] = new string('a', 300);

        var response = await client.PostAsJsonAsync(route, body);

        await response.AssertFieldErrorAsync(field, message);
    }

    [Fact]
    public async Task Of_password_changes_made_at_once_one_wins_and_the_others_are_told()
    {
        var (client, email, login) = await SignedInAsync();
        client.WithBearer((string)login["token"]!);
        var newPasswords = Enumerable.Range(0, 8).Select(i => $"another-{i}").ToList();

        var responses = await Task.WhenAll(newPasswords.Select(password =>
            client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "secret1", newPassword = password })));

        var winners = newPasswords.Where((_, i) => responses[i].StatusCode == HttpStatusCode.OK).ToList();
        var winner = Assert.Single(winners);
        // A loser either raced the winner's write (409) or checked its password against the winner's (400).
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK),
            r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.BadRequest }));
        // The password is the winner's (failed sign-ins are throttled, so only one loser's is tried).
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email, password = winner })).StatusCode);
        var loser = newPasswords.First(password => password != winner);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { email, password = loser })).StatusCode);
    }

    [Fact]
    public async Task Password_change_without_a_token_is_401()
    {
        using var client = fixture.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "secret1", newPassword = "another1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Expired_or_foreign_tokens_are_refused()
    {
        using var client = fixture.CreateClient();
        using var foreignKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestJwt.Issuer,
            Audience = TestJwt.Audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["role"] = "admin" },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(foreignKey), SecurityAlgorithms.EcdsaSha256),
        });
        var expired = TestJwt.TokenFor(Guid.NewGuid(), "admin", lifetime: TimeSpan.FromMinutes(-5));

        foreach (var token in new[] { forged, expired })
        {
            client.WithBearer(token);
            var response = await client.PostAsJsonAsync("/api/auth/users", new { name = "X", email = "x@example.com", password = "secret1", role = "admin" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }
}
