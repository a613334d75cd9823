using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Gateway.Tests;

/// <summary>Routes the gateway forwards for admins only. The orders upstream is a closed port: 502 proves a request was forwarded.</summary>
public sealed class AdminOnlyRouteTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("customer", HttpStatusCode.Forbidden)]
    [InlineData("vendor", HttpStatusCode.Forbidden)]
    public async Task Order_status_changes_stop_at_the_gateway_for_anyone_but_an_admin(string? role, HttpStatusCode expected)
    {
        using var client = fixture.CreateClient().WithInternalToken();
        if (role is not null)
        {
            client.WithBearer(TestJwt.TokenFor(Guid.NewGuid(), role));
        }

        using var response = await client.PutAsJsonAsync($"/API/Orders/{Guid.NewGuid()}/status/", new { status = "Shipped" });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_order_status_change_is_forwarded()
    {
        using var client = fixture.CreateClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "admin"));

        using var response = await client.PutAsJsonAsync($"/api/orders/{Guid.NewGuid()}/status", new { status = "Shipped" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task Other_order_routes_stay_public()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync("/api/orders/cart");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }
}
