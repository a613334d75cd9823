using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Orders.Tests;

public sealed class OrderStatusTests(OrdersFixture fixture)
{
    [Fact]
    public async Task An_order_goes_Pending_Confirmed_Shipped_Delivered_publishing_each_step()
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, "Pending");
        using var admin = fixture.GatewayClient(TestJwt.TokenFor(Guid.NewGuid(), "admin"));
        var created = await fixture.GetOrderAsync(orderId);

        using var confirmed = await fixture.SetStatusAsync(orderId, "Confirmed");
        using var shipped = await admin.PutAsJsonAsync($"/api/orders/{orderId}/status", new { status = "Shipped" });
        using var delivered = await admin.PutAsJsonAsync($"/api/orders/{orderId}/status", new { status = "Delivered" });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var order = (await delivered.ReadJsonAsync())["data"]!;
        Assert.Equal("Delivered", (string?)order["status"]);
        Assert.True((DateTimeOffset)order["updatedAt"]! > (DateTimeOffset)created["updatedAt"]!);
        Assert.Equal((string?)created["createdAt"], (string?)order["createdAt"]);
        foreach (var (topic, status) in new[] { ("OrderConfirmed", "Confirmed"), ("OrderShipped", "Shipped"), ("OrderDelivered", "Delivered") })
        {
            var data = (await fixture.PublishedAsync(topic, orderId))["data"]!;
            Assert.Equal(status, (string?)data["status"]);
            Assert.Equal(customer.Id.ToString(), (string?)data["userId"]);
            Assert.Equal((string?)created["checkoutId"], (string?)data["checkoutId"]);
            Assert.Equal(10.00m, (decimal)data["totalAmount"]!);
        }
    }

    [Theory]
    [InlineData("Pending", "Shipped")]
    [InlineData("Pending", "Delivered")]
    [InlineData("Confirmed", "Delivered")]
    [InlineData("Shipped", "Confirmed")]
    [InlineData("Shipped", "Cancelled")]
    [InlineData("Delivered", "Confirmed")]
    [InlineData("Delivered", "Shipped")]
    [InlineData("Delivered", "Cancelled")]
    [InlineData("Cancelled", "Confirmed")]
    [InlineData("Cancelled", "Shipped")]
    [InlineData("Cancelled", "Delivered")]
    public async Task Every_illegal_transition_is_a_409_that_changes_nothing(string from, string to)
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, from);
        var before = await fixture.GetOrderAsync(orderId);
        var eventsBefore = await fixture.WrittenAsync($"Order{to}", orderId);

        using var response = await fixture.SetStatusAsync(orderId, to);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.Equal(from, (string?)problem["currentStatus"]);
        Assert.Equal(before.ToJsonString(), (await fixture.GetOrderAsync(orderId)).ToJsonString());
        Assert.Equal(eventsBefore, await fixture.WrittenAsync($"Order{to}", orderId));
    }

    [Theory]
    [InlineData("Confirmed")]
    [InlineData("Shipped")]
    [InlineData("Cancelled")]
    public async Task Repeating_the_current_status_is_a_200_that_publishes_nothing_more(string status)
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, status);
        var before = await fixture.GetOrderAsync(orderId);

        using var repeat = await fixture.SetStatusAsync(orderId, status);

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(before.ToJsonString(), (await repeat.ReadJsonAsync())["data"]!.ToJsonString());
        Assert.Equal(1, await fixture.WrittenAsync($"Order{status}", orderId));
    }

    [Fact]
    public async Task Racing_transitions_cannot_both_win()
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, "Confirmed");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => fixture.SetStatusAsync(orderId, i % 2 == 0 ? "Shipped" : "Cancelled", "raced")));

        var final = (string?)(await fixture.GetOrderAsync(orderId))["status"];
        var loser = final == "Shipped" ? "Cancelled" : "Shipped";
        var results = await Task.WhenAll(responses.Select(async r => (r.StatusCode, Status: (string?)(await r.ReadJsonAsync())["data"]?["status"])));
        Assert.Equal(4, results.Count(r => r.StatusCode == HttpStatusCode.OK && r.Status == final));
        Assert.Equal(4, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await fixture.WrittenAsync($"Order{final}", orderId));
        Assert.Equal(0, await fixture.WrittenAsync($"Order{loser}", orderId));
    }

    [Theory]
    [InlineData("service", "Shipped")]
    [InlineData("service", "Delivered")]
    [InlineData("admin", "Confirmed")]
    [InlineData("customer", "Cancelled")]
    [InlineData("vendor", "Shipped")]
    public async Task Each_caller_may_only_make_its_own_changes(string caller, string status)
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, status == "Delivered" ? "Shipped" : status == "Shipped" ? "Confirmed" : "Pending");
        var before = await fixture.GetOrderAsync(orderId);
        using var client = caller switch
        {
            "service" => fixture.InternalClient(),
            "customer" => customer.Client,
            _ => fixture.OrdersClient(TestJwt.TokenFor(Guid.NewGuid(), caller)),
        };

        using var response = await client.PutAsJsonAsync($"/api/orders/{orderId}/status", new { status });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before.ToJsonString(), (await fixture.GetOrderAsync(orderId)).ToJsonString());
    }

    [Theory]
    [InlineData("{\"status\": \"Pending\"}", "status")]
    [InlineData("{\"status\": \"Lost\"}", "status")]
    [InlineData("{\"status\": \"1\"}", "status")]
    [InlineData("{\"status\": \"Confirmed,Shipped\"}", "status")]
    [InlineData("{}", "status")]
    [InlineData("{\"status\": 2}", "status")]
    [InlineData("{\"status\": \"Cancelled\", \"reason\": \"LONG\"}", "reason")]
    public async Task Bad_status_requests_get_400_with_the_field_named(string json, string field)
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, "Pending");
        using var service = fixture.InternalClient();

        using var response = await service.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/orders/{orderId}/status")
        {
            Content = new StringContent(json.Replace("LONG", new string('x', 501)), System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
        Assert.Equal("Pending", (string?)(await fixture.GetOrderAsync(orderId))["status"]);
    }

    [Fact]
    public async Task Changing_an_unknown_order_is_404_and_anonymous_callers_are_refused()
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, "Pending");
        using var anonymous = fixture.OrdersClient();

        using var unknown = await fixture.SetStatusAsync(Guid.NewGuid(), "Confirmed");
        using var withoutToken = await anonymous.PutAsJsonAsync($"/api/orders/{orderId}/status", new { status = "Cancelled" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal("Pending", (string?)(await fixture.GetOrderAsync(orderId))["status"]);
    }

    [Fact]
    public async Task Cancellation_by_the_service_publishes_OrderCancelled_with_the_reason_and_leaves_the_cart_alone()
    {
        using var customer = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(customer, "Pending");

        using var response = await fixture.SetStatusAsync(orderId, "Cancelled", "payment declined");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("payment declined", (string?)(await response.ReadJsonAsync())["data"]!["statusReason"]);
        Assert.Empty((await customer.CartAsync())["items"]!.AsArray());
        var data = (await fixture.PublishedAsync("OrderCancelled", orderId))["data"]!;
        Assert.Equal("Cancelled", (string?)data["status"]);
        Assert.Equal("payment declined", (string?)data["reason"]);
    }
}
