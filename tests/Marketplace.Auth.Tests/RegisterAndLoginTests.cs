using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;
using Microsoft.Extensions.Logging;

namespace Marketplace.Auth.Tests;

public sealed class RegisterAndLoginTests(AuthServiceFixture fixture) : IClassFixture<AuthServiceFixture>
{
    private static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task Register_returns_201_with_the_user_and_never_the_hash()
    {
        using var client = fixture.CreateClient();
        var email = NewEmail();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { name = "Ada", email, password = "secret1" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True((bool)body["success"]!);
        Assert.Equal("User registered successfully", (string)body["message"]!);
        Assert.Equal(email, (string)body["data"]!["email"]!);
        Assert.Equal("customer", (string)body["data"]!["role"]!);
        Assert.True(Guid.TryParse((string)body["data"]!["id"]!, out _));
        Assert.DoesNotContain("password", body.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Register_same_email_in_other_case_gives_409()
    {
        using var client = fixture.CreateClient();
        var email = NewEmail();
        (await client.PostAsJsonAsync("/api/auth/register", new { name = "A", email, password = "secret1" })).EnsureSuccessStatusCode();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { name = "B", email = email.ToUpperInvariant(), password = "secret1" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.False((bool)(await response.ReadJsonAsync())["success"]!);
        // An answered conflict is no error for operators: the database's refusal is not logged as one.
        Assert.DoesNotContain(fixture.Host.Logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("""{"name":"A","email":"not-an-email","password":"secret1"}""", "email")]
    [InlineData("""{"name":"A","email":"a@b.com","password":"short"}""", "password")]
    [InlineData("""{"email":"a@b.com","password":"secret1"}""", "name")]
    [InlineData("""{"name":"A","email":"a@b.com","password":"secret1","role":"superuser"}""", "role")]
    [InlineData("""{"name":"A","email":"a@b.com","password":12345678}""", "password")]
    [InlineData("""{"name":"A\u0000","email":"a@b.com","password":"secret1"}""", "name")]
    [InlineData("""{"name":"A","email":""", "body")]
    public async Task Register_rejects_bad_input_with_field_errors(string json, string field)
    {
        using var client = fixture.CreateClient();

        var response = await client.PostRawJsonAsync("/api/auth/register", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.False((bool)body["success"]!);
        Assert.NotNull(body["errors"]![field]);
    }

    [Theory]
    [InlineData("""[]""", "The body must be a JSON object.")]
    [InlineData("""
        "text"
        """, "The body must be a JSON object.")]
    [InlineData("""{"name":"A",""", "The body is not valid JSON.")]
    [InlineData("""{"name":"A","email":"a@b.com","password":true}""", "The value of 'password' has the wrong type or format.")]
    public async Task A_body_that_is_no_JSON_object_is_told_apart_from_one_that_is_no_JSON(string json, string message)
    {
        using var client = fixture.CreateClient();

        var response = await client.PostRawJsonAsync("/api/auth/register", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(message, (string)Assert.Single(errors).Value!.AsArray().Single()!);
    }

    [Fact]
    public async Task Register_as_admin_is_forbidden()
    {
        using var client = fixture.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { name = "Eve", email = NewEmail(), password = "secret1", role = "admin" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Login_returns_a_token_and_the_user()
    {
        using var client = fixture.CreateClient();
        var email = NewEmail();
        await client.PostAsJsonAsync("/api/auth/register", new { name = "Vera", email, password = "secret1", role = "vendor" });

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = email.ToUpperInvariant(), password = "secret1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True((bool)body["success"]!);
        Assert.Equal(3, ((string)body["token"]!).Split('.').Length);
        Assert.Equal("vendor", (string)body["user"]!["role"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["refreshToken"]));
    }

    [Fact]
    public async Task Login_with_wrong_password_gives_401()
    {
        using var client = fixture.CreateClient();
        var email = NewEmail();
        await client.PostAsJsonAsync("/api/auth/register", new { name = "A", email, password = "secret1" });

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-one" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False((bool)(await response.ReadJsonAsync())["success"]!);
    }
}
