using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Orders.Tests;

/// <summary>The order routes behind the real gateway: public ones work, internal ones never get through.</summary>
public sealed class GatewayTests(OrdersFixture fixture)
{
    [Fact]
    public async Task A_customer_shops_and_reads_orders_through_the_gateway()
    {
        using var customer = new Customer(fixture);
        var productId = await fixture.Catalog.CreateAsync(3.30m);
        using var gateway = fixture.GatewayClient(customer.Token);

        using var added = await gateway.PostAsJsonAsync("/api/orders/cart/add", new { productId, quantity = 3 });
        using var cart = await gateway.GetAsync("/api/orders/cart");
        var order = await customer.PlaceOrderOkAsync();
        using var history = await gateway.GetAsync("/api/orders");
        using var detail = await gateway.GetAsync($"/api/orders/{order["id"]}");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(9.90m, (decimal)(await cart.ReadJsonAsync())["data"]!["totalPrice"]!);
        Assert.Single((await history.ReadJsonAsync())["data"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_changes_a_status_through_the_gateway()
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, "Confirmed");
        using var asCustomer = fixture.GatewayClient(customer.Token);
        using var asVendor = fixture.GatewayClient(TestJwt.TokenFor(Guid.NewGuid(), "vendor"));
        using var asService = fixture.GatewayClient().WithInternalToken();
        using var asAdmin = fixture.GatewayClient(TestJwt.TokenFor(Guid.NewGuid(), "admin"));
        var path = $"/api/orders/{orderId}/status";

        using var byCustomer = await asCustomer.PutAsJsonAsync(path, new { status = "Cancelled" });
        using var byVendor = await asVendor.PutAsJsonAsync(path, new { status = "Shipped" });
        using var byServiceCredential = await asService.PutAsJsonAsync(path, new { status = "Cancelled" });
        var unchanged = (string?)(await fixture.GetOrderAsync(orderId))["status"];
        using var byAdmin = await asAdmin.PutAsJsonAsync(path, new { status = "Shipped" });

        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byVendor.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byServiceCredential.StatusCode);
        Assert.Equal("Confirmed", unchanged);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal("Shipped", (string?)(await fixture.GetOrderAsync(orderId))["status"]);
    }

    [Fact]
    public async Task An_admin_cannot_confirm_through_the_gateway_that_is_the_checkouts_job()
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, "Pending");
        using var asAdmin = fixture.GatewayClient(TestJwt.TokenFor(Guid.NewGuid(), "admin"));

        using var response = await asAdmin.PutAsJsonAsync($"/api/orders/{orderId}/status", new { status = "Confirmed" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Pending", (string?)(await fixture.GetOrderAsync(orderId))["status"]);
    }
}
