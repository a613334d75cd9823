using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Auth.Tests;

public sealed class AdminAndThrottlingTests(AuthServiceFixture fixture) : IClassFixture<AuthServiceFixture>
{
    private async Task<string> AdminTokenAsync(HttpClient client)
    {
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = AuthServiceFixture.AdminEmail, password = AuthServiceFixture.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var body = await login.ReadJsonAsync();
        Assert.Equal("admin", (string)body["user"]!["role"]!);
        return (string)body["token"]!;
    }

    [Fact]
    public async Task Bootstrap_admin_can_create_another_admin()
    {
        using var client = fixture.CreateClient();
        client.WithBearer(await AdminTokenAsync(client));
        var email = $"admin-{Guid.NewGuid():N}@example.com";

        var created = await client.PostAsJsonAsync("/api/auth/users", new { name = "Second Admin", email, password = "secret12", role = "admin" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var other = fixture.CreateClient();
        var login = await other.PostAsJsonAsync("/api/auth/login", new { email, password = "secret12" });
        Assert.Equal("admin", (string)(await login.ReadJsonAsync())["user"]!["role"]!);
    }

    [Fact]
    public async Task A_customer_cannot_create_users()
    {
        using var client = fixture.CreateClient();
        client.WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "customer"));

        var response = await client.PostAsJsonAsync("/api/auth/users", new { name = "X", email = "x@example.com", password = "secret1", role = "admin" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Repeated_failures_lock_the_address_whether_or_not_it_exists(bool accountExists)
    {
        using var client = fixture.CreateClient();
        var email = $"locked-{Guid.NewGuid():N}@example.com";
        if (accountExists)
        {
            (await client.PostAsJsonAsync("/api/auth/register", new { name = "L", email, password = "secret1" })).EnsureSuccessStatusCode();
        }

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-password" })).StatusCode);
        }

        // The fixture allows 3 failures: the 4th attempt is throttled, with the same answer for both cases.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        // Even the right password waits for the lock-out to end, and the answer says how long that is (5 minutes).
        using var locked = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "secret1" });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.InRange(locked.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(280), TimeSpan.FromSeconds(300));
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", (string)(await locked.ReadJsonAsync())["type"]!);
    }
}
