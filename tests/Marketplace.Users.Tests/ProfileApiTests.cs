using System.Net;
using System.Net.Http.Json;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Testing;

namespace Marketplace.Users.Tests;

public sealed class ProfileApiTests(UsersServiceFixture fixture) : IClassFixture<UsersServiceFixture>
{
    [Fact]
    public async Task Get_profile_creates_an_empty_profile_with_the_default_preferences()
    {
        var (userId, client) = fixture.NewUser();

        var response = await client.GetAsync("/api/users/profile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True((bool)body["success"]!);
        var profile = body["data"]!;
        Assert.Equal(userId.ToString(), (string)profile["userId"]!);
        Assert.Null(profile["phone"]);
        Assert.Empty(profile["addresses"]!.AsArray());
        Assert.True((bool)profile["preferences"]!["newsletter"]!);
        Assert.Equal("light", (string)profile["preferences"]!["theme"]!);
        Assert.Equal(1, await fixture.ProfileCountAsync(userId));
    }

    [Fact]
    public async Task Get_profile_twice_returns_the_same_profile()
    {
        var (userId, client) = fixture.NewUser();

        var first = await (await client.GetAsync("/api/users/profile")).ReadJsonAsync();
        var second = await (await client.GetAsync("/api/users/profile")).ReadJsonAsync();

        Assert.Equal((string)first["data"]!["id"]!, (string)second["data"]!["id"]!);
        Assert.Equal(1, await fixture.ProfileCountAsync(userId));
    }

    [Fact]
    public async Task Concurrent_first_reads_create_exactly_one_profile()
    {
        var (userId, client) = fixture.NewUser();

        var ids = await UsersServiceFixture.ReadProfileIdsConcurrentlyAsync(client, 8);

        Assert.Single(ids.Distinct());
        Assert.Equal(1, await fixture.ProfileCountAsync(userId));
    }

    [Fact]
    public async Task Put_profile_updates_phone_and_preferences_and_keeps_what_was_not_sent()
    {
        var (_, client) = fixture.NewUser();

        var response = await client.PutAsJsonAsync("/api/users/profile", new { phone = "+14155550123", preferences = new { newsletter = false, theme = "dark" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Profile updated", (string)body["message"]!);
        Assert.Equal("+14155550123", (string)body["data"]!["phone"]!);
        Assert.False((bool)body["data"]!["preferences"]!["newsletter"]!);

        var themeOnly = await client.PutAsJsonAsync("/api/users/profile", new { preferences = new { theme = "system" } });
        var profile = (await themeOnly.ReadJsonAsync())["data"]!;
        Assert.Equal("+14155550123", (string)profile["phone"]!);
        Assert.False((bool)profile["preferences"]!["newsletter"]!);
        Assert.Equal("system", (string)profile["preferences"]!["theme"]!);

        var reread = (await (await client.GetAsync("/api/users/profile")).ReadJsonAsync())["data"]!;
        Assert.Equal("system", (string)reread["preferences"]!["theme"]!);
        Assert.Equal("+14155550123", (string)reread["phone"]!);
    }

    [Fact]
    public async Task Put_profile_with_an_empty_phone_removes_the_phone()
    {
        var (_, client) = fixture.NewUser();
        await client.PutAsJsonAsync("/api/users/profile", new { phone = "4915112345678" });

        var response = await client.PutAsJsonAsync("/api/users/profile", new { phone = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await response.ReadJsonAsync())["data"]!["phone"]);
    }

    [Theory]
    [InlineData("""{"phone":"12345"}""", "phone")]
    [InlineData("""{"phone":"+0123456789"}""", "phone")]
    [InlineData("""{"phone":"+1 415 555 0123"}""", "phone")]
    [InlineData("""{"phone":"call-me-maybe"}""", "phone")]
    [InlineData("""{"phone":"+123456789012345678901"}""", "phone")]
    [InlineData("""{"phone":14155550123}""", "phone")]
    [InlineData("""{"preferences":{"theme":"neon"}}""", "preferences.theme")]
    [InlineData("""{"preferences":{"newsletter":"yes"}}""", "preferences.newsletter")]
    [InlineData("""{}""", "body")]
    [InlineData("""{"phone":""", "body")]
    public async Task Put_profile_rejects_bad_input_with_field_errors(string json, string field)
    {
        var (_, client) = fixture.NewUser();

        var response = await client.PutAsync("/api/users/profile", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertFieldErrorsAsync(field);
    }

    [Fact]
    public async Task Profile_routes_require_a_signed_in_user()
    {
        using var anonymous = fixture.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/users/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/users/profile", new { phone = "+14155550123" })).StatusCode);
    }

    [Fact]
    public async Task Admin_reads_another_users_profile()
    {
        var (userId, owner) = fixture.NewUser();
        await owner.PutAsJsonAsync("/api/users/profile", new { phone = "+447911123456" });
        var (_, admin) = fixture.NewUser(Roles.Admin);

        var response = await admin.GetAsync($"/api/users/{userId}/profile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = (await response.ReadJsonAsync())["data"]!;
        Assert.Equal(userId.ToString(), (string)profile["userId"]!);
        Assert.Equal("+447911123456", (string)profile["phone"]!);
    }

    [Fact]
    public async Task Admin_read_of_an_unknown_user_is_404_and_creates_nothing()
    {
        var (_, admin) = fixture.NewUser(Roles.Admin);
        var unknown = Guid.NewGuid();

        var response = await admin.GetAsync($"/api/users/{unknown}/profile");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False((bool)(await response.ReadJsonAsync())["success"]!);
        Assert.Equal(0, await fixture.ProfileCountAsync(unknown));
    }

    [Fact]
    public async Task Admin_read_with_a_malformed_user_id_is_400()
    {
        var (_, admin) = fixture.NewUser(Roles.Admin);

        var response = await admin.GetAsync("/api/users/not-a-uuid/profile");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]!["userId"]);
    }

    [Theory]
    [InlineData(Roles.Customer)]
    [InlineData(Roles.Vendor)]
    public async Task Reading_another_users_profile_is_forbidden_for_non_admins(string role)
    {
        var (userId, owner) = fixture.NewUser();
        await owner.GetAsync("/api/users/profile");
        var (_, other) = fixture.NewUser(role);

        var response = await other.GetAsync($"/api/users/{userId}/profile");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
