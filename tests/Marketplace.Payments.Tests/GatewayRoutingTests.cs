using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Payments.Tests;

/// <summary>What clients reach through the real gateway: never the charge route, and refunds only as admins.</summary>
public sealed class GatewayRoutingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task The_gateway_never_forwards_a_charge_whatever_credential_is_presented()
    {
        var orderId = Guid.NewGuid();
        using var withInternalToken = fixture.CreateClient().WithInternalToken();
        using var asAdmin = fixture.CreateClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "admin"));

        var smuggled = await withInternalToken.PostAsJsonAsync("/api/payments", ChargeTests.Charge(orderId));
        var byAdmin = await asAdmin.PostAsJsonAsync("/api/payments/", ChargeTests.Charge(orderId));

        Assert.Equal(HttpStatusCode.NotFound, smuggled.StatusCode);
        Assert.False((bool)(await smuggled.ReadJsonAsync())["success"]!);
        Assert.Equal(HttpStatusCode.NotFound, byAdmin.StatusCode);
        Assert.Equal(0, await fixture.Payments.ScalarAsync("SELECT count(*) FROM transactions WHERE order_id = $1", orderId));
    }

    [Fact]
    public async Task Through_the_gateway_only_an_admin_can_refund()
    {
        var owner = Guid.NewGuid();
        var transactionId = await ChargeDirectlyAsync(owner);
        var refundPath = $"/api/payments/{transactionId}/refund";
        using var anonymous = fixture.CreateClient();
        using var withInternalToken = fixture.CreateClient().WithInternalToken();
        using var asOwner = fixture.CreateClient().WithBearer(TestJwt.TokenFor(owner, "customer"));
        using var asVendor = fixture.CreateClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "vendor"));
        using var asAdmin = fixture.CreateClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "admin"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(refundPath, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withInternalToken.PostAsync(refundPath, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asOwner.PostAsync(refundPath, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asVendor.PostAsync(refundPath, null)).StatusCode);
        Assert.Equal(1, await fixture.Payments.ScalarAsync("SELECT count(*) FROM transactions WHERE id = $1 AND status = 'Completed'", transactionId));

        var byAdmin = await asAdmin.PostAsync(refundPath, null);

        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal("Refunded", (string)(await byAdmin.ReadJsonAsync())["data"]!["status"]!);
    }

    [Fact]
    public async Task Through_the_gateway_customers_see_their_own_payments_only()
    {
        var owner = Guid.NewGuid();
        var transactionId = await ChargeDirectlyAsync(owner);
        using var asOwner = fixture.CreateClient().WithBearer(TestJwt.TokenFor(owner, "customer"));
        using var asStranger = fixture.CreateClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "customer"));

        var own = await asOwner.GetAsync($"/api/payments/{transactionId}");
        var list = await (await asOwner.GetAsync("/api/payments")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal([transactionId], list["data"]!.AsArray().Select(t => (Guid)t!["transactionId"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await asStranger.GetAsync($"/api/payments/{transactionId}")).StatusCode);
        Assert.Empty((await (await asStranger.GetAsync("/api/payments")).ReadJsonAsync())["data"]!.AsArray());
    }

    private async Task<Guid> ChargeDirectlyAsync(Guid userId)
    {
        using var client = fixture.Payments.CreateInternalClient();
        var response = await client.PostAsJsonAsync("/api/payments", ChargeTests.Charge(Guid.NewGuid(), userId: userId));
        return (Guid)(await response.ReadJsonAsync())["data"]!["transactionId"]!;
    }
}
