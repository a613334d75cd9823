using System.Net;
using System.Net.Http.Json;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Testing;

namespace Marketplace.Users.Tests;

public sealed class GatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Profile_and_address_routes_answer_through_the_gateway()
    {
        var userId = Guid.NewGuid();
        using var client = fixture.CreateGatewayClient().WithBearer(TestJwt.TokenFor(userId, Roles.Customer));

        var profile = await client.GetAsync("/api/users/profile");
        var created = await client.PostAsJsonAsync("/api/users/address", AddressBodies.Home(isDefault: true));
        var listed = await client.GetAsync("/api/users/addresses");

        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal(userId.ToString(), (string)(await profile.ReadJsonAsync())["data"]!["userId"]!);
        Assert.Equal("nosniff", profile.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var addressId = (string)(await created.ReadJsonAsync())["data"]!["id"]!;
        Assert.Equal(addressId, (string)(await listed.ReadJsonAsync())["data"]!.AsArray().Single()!["id"]!);

        var updated = await client.PutAsJsonAsync($"/api/users/address/{addressId}", new { city = "Capital City" });
        var deleted = await client.DeleteAsync($"/api/users/address/{addressId}");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
    }

    [Fact]
    public async Task The_gateway_passes_on_the_services_errors_and_admin_reads()
    {
        using var anonymous = fixture.CreateGatewayClient();
        var ownerId = Guid.NewGuid();
        using var owner = fixture.CreateGatewayClient().WithBearer(TestJwt.TokenFor(ownerId, Roles.Customer));
        using var admin = fixture.CreateGatewayClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), Roles.Admin));
        (await owner.PutAsJsonAsync("/api/users/profile", new { preferences = new { theme = "dark" } })).EnsureSuccessStatusCode();

        var unauthenticated = await anonymous.GetAsync("/api/users/profile");
        var invalid = await owner.PutAsJsonAsync("/api/users/profile", new { phone = "nope" });
        var forbidden = await owner.GetAsync($"/api/users/{ownerId}/profile");
        var adminRead = await admin.GetAsync($"/api/users/{ownerId}/profile");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.NotNull((await invalid.ReadJsonAsync())["errors"]!["phone"]);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminRead.StatusCode);
        Assert.Equal("dark", (string)(await adminRead.ReadJsonAsync())["data"]!["preferences"]!["theme"]!);
    }

    [Fact]
    public async Task The_event_subscription_route_is_not_reachable_through_the_gateway()
    {
        using var client = fixture.CreateGatewayClient();

        var response = await client.PostAsJsonAsync("/events/UserRegistered", new { userId = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
