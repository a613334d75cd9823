using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Orders.Tests;

public sealed class CustomerCancelTests(OrdersFixture fixture)
{
    [Theory]
    [InlineData("Pending")]
    [InlineData("Confirmed")]
    public async Task A_customer_cancels_their_own_open_order(string status)
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, status);

        using var response = await customer.Client.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { reason = "changed my mind" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = (await response.ReadJsonAsync())["data"]!;
        Assert.Equal("Cancelled", (string?)order["status"]);
        Assert.Equal("changed my mind", (string?)order["statusReason"]);
        var data = (await fixture.PublishedAsync("OrderCancelled", orderId))["data"]!;
        Assert.Equal("changed my mind", (string?)data["reason"]);
        Assert.Equal(customer.Id.ToString(), (string?)data["userId"]);
    }

    [Fact]
    public async Task The_reason_is_optional_and_a_repeat_changes_nothing()
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, "Pending");

        using var first = await customer.Client.PostAsync($"/api/orders/{orderId}/cancel", null);
        using var repeat = await customer.Client.PostAsync($"/api/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("Cancelled", (string?)(await repeat.ReadJsonAsync())["data"]!["status"]);
        Assert.Equal(1, await fixture.WrittenAsync("OrderCancelled", orderId));
    }

    [Theory]
    [InlineData("Shipped")]
    [InlineData("Delivered")]
    public async Task An_order_on_its_way_cannot_be_cancelled(string status)
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, status);

        using var response = await customer.Client.PostAsync($"/api/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(status, (string?)(await fixture.GetOrderAsync(orderId))["status"]);
    }

    [Fact]
    public async Task Nobody_cancels_someone_elses_order_this_way()
    {
        using var owner = new Customer(fixture);
        using var other = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(owner, "Pending");
        using var admin = fixture.AdminClient();
        using var anonymous = fixture.OrdersClient();

        using var byOther = await other.Client.PostAsync($"/api/orders/{orderId}/cancel", null);
        using var byAdmin = await admin.PostAsync($"/api/orders/{orderId}/cancel", null);
        using var byNobody = await anonymous.PostAsync($"/api/orders/{orderId}/cancel", null);
        using var unknown = await owner.Client.PostAsync($"/api/orders/{Guid.NewGuid()}/cancel", null);

        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Pending", (string?)(await fixture.GetOrderAsync(orderId))["status"]);
        Assert.Equal(0, await fixture.WrittenAsync("OrderCancelled", orderId));
    }

    [Fact]
    public async Task A_reason_over_500_characters_is_refused()
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, "Pending");

        using var response = await customer.Client.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { reason = new string('x', 501) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]!["reason"]);
        Assert.Equal("Pending", (string?)(await fixture.GetOrderAsync(orderId))["status"]);
    }

    [Fact]
    public async Task A_customer_cancels_through_the_gateway()
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, "Pending");
        using var gateway = fixture.GatewayClient(customer.Token);

        using var response = await gateway.PostAsync($"/api/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Cancelled", (string?)(await fixture.GetOrderAsync(orderId))["status"]);
    }
}
