using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing;

namespace Marketplace.Orders.Tests;

/// <summary>The batch route checkout uses to confirm concurrent checkouts' orders together.</summary>
public sealed class OrderStatusBatchTests(OrdersFixture fixture)
{
    [Fact]
    public async Task A_batch_confirms_each_order_as_a_single_change_would_and_publishes_once_per_change()
    {
        using var customer = new Customer(fixture);
        var pending = await fixture.OrderInStatusAsync(customer, "Pending");
        var confirmed = await fixture.OrderInStatusAsync(customer, "Confirmed");
        var cancelled = await fixture.OrderInStatusAsync(customer, "Cancelled");
        var unknown = Guid.NewGuid();
        var confirmedEventsBefore = await fixture.WrittenAsync("OrderConfirmed", confirmed);

        var outcomes = await ChangeAllAsync("Confirmed", pending, confirmed, cancelled, unknown, pending);

        Assert.Equal(["Changed", "AlreadyInStatus", "Illegal", "NotFound", "Changed"], outcomes.Select(o => (string)o!["outcome"]!));
        Assert.Equal(["Confirmed", "Confirmed", "Cancelled", null, "Confirmed"], outcomes.Select(o => (string?)o!["currentStatus"]));
        Assert.Equal("An order that is Cancelled cannot become Confirmed.", (string)outcomes[2]!["detail"]!);
        Assert.Equal("Confirmed", (string)(await fixture.GetOrderAsync(pending))["status"]!);
        Assert.Equal("Cancelled", (string)(await fixture.GetOrderAsync(cancelled))["status"]!);
        Assert.Equal(1, await fixture.WrittenAsync("OrderConfirmed", pending));
        Assert.Equal(confirmedEventsBefore, await fixture.WrittenAsync("OrderConfirmed", confirmed));
        var data = (await fixture.PublishedAsync("OrderConfirmed", pending))["data"]!;
        Assert.Equal(customer.Id.ToString(), (string?)data["userId"]);
    }

    [Theory]
    [InlineData("""{"status":"Shipped","orderIds":["6f1c2a43-3c54-4f39-9b1e-0c9d2a6a8c11"]}""", "status")]
    [InlineData("""{"status":"Confirmed","orderIds":[]}""", "orderIds")]
    [InlineData("""{"status":"Confirmed","orderIds":["00000000-0000-0000-0000-000000000000"]}""", "orderIds[0]")]
    public async Task A_malformed_batch_is_refused_with_the_field(string body, string field)
    {
        using var service = fixture.InternalClient();

        using var response = await service.PostAsync("/api/orders/status/batch", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.Contains(problem["errors"]!.AsObject(), error => string.Equals(error.Key, field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Only_services_may_change_orders_in_a_batch()
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, "Pending");
        using var admin = fixture.AdminClient();

        using var response = await admin.PostAsJsonAsync("/api/orders/status/batch", new { status = "Cancelled", orderIds = new[] { orderId } });

        // Internal routes know only the service credential: a user's token does not authenticate there.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Pending", (string)(await fixture.GetOrderAsync(orderId))["status"]!);
    }

    private async Task<JsonArray> ChangeAllAsync(string status, params Guid[] orderIds)
    {
        using var service = fixture.InternalClient();
        using var response = await service.PostAsJsonAsync("/api/orders/status/batch", new { status, orderIds });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["data"]!.AsArray();
    }
}
