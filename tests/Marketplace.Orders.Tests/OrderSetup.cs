using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing;

namespace Marketplace.Orders.Tests;

/// <summary>Orders brought into a given status the way the system does it: checkout confirms or cancels, an admin ships and delivers.</summary>
public static class OrderSetup
{
    private static readonly Dictionary<string, string[]> PathTo = new()
    {
        ["Pending"] = [],
        ["Confirmed"] = ["Confirmed"],
        ["Shipped"] = ["Confirmed", "Shipped"],
        ["Delivered"] = ["Confirmed", "Shipped", "Delivered"],
        ["Cancelled"] = ["Cancelled"],
    };

    public static HttpClient AdminClient(this OrdersFixture fixture) => fixture.OrdersClient(TestJwt.TokenFor(Guid.NewGuid(), "admin"));

    /// <summary>A new order of <paramref name="customer"/> (one product at 10.00) moved to <paramref name="status"/>.</summary>
    public static async Task<Guid> OrderInStatusAsync(this OrdersFixture fixture, Customer customer, string status)
    {
        await customer.AddOkAsync(await fixture.Catalog.CreateAsync(10.00m), 1);
        var orderId = (Guid)(await customer.PlaceOrderOkAsync())["id"]!;
        foreach (var step in PathTo[status])
        {
            using var response = await fixture.SetStatusAsync(orderId, step);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return orderId;
    }

    /// <summary>PUT status by the caller allowed to make that change: the service for Confirmed/Cancelled, an admin otherwise.</summary>
    public static async Task<HttpResponseMessage> SetStatusAsync(this OrdersFixture fixture, Guid orderId, string status, string? reason = null)
    {
        using var client = status is "Confirmed" or "Cancelled" ? fixture.InternalClient() : fixture.AdminClient();
        return await client.PutAsJsonAsync($"/api/orders/{orderId}/status", new { status, reason });
    }

    public static async Task<JsonNode> GetOrderAsync(this OrdersFixture fixture, Guid orderId)
    {
        using var service = fixture.InternalClient();
        using var response = await service.GetAsync($"/api/orders/{orderId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["data"]!;
    }
}
