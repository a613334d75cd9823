using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing;

namespace Marketplace.Inventory.Tests;

public static class InventoryTestHelpers
{
    /// <summary>A product holding the given stock, written into the service's database as an earlier restock would have left it.</summary>
    public static async Task<Guid> StockedProductAsync(this InventoryServiceFixture fixture, int quantity, int lowStockThreshold = 10)
    {
        var productId = Guid.NewGuid();
        var low = (quantity < lowStockThreshold).ToString(CultureInfo.InvariantCulture);
        await fixture.ScalarAsync($"""
            INSERT INTO inventories (id, product_id, quantity, reserved, low_stock_threshold, low_stock_alerted, discontinued, last_updated)
            VALUES (gen_random_uuid(), @productId, {quantity}, 0, {lowStockThreshold}, {low}, false, now())
            """, productId);
        return productId;
    }

    public static async Task<JsonNode> StockAsync(this InventoryServiceFixture fixture, Guid productId)
    {
        using var client = fixture.CreateClient();
        var response = await client.GetAsync($"/api/inventory/{productId}");
        response.EnsureSuccessStatusCode();
        return (await response.ReadJsonAsync())["data"]!;
    }

    public static async Task<int> QuantityAsync(this InventoryServiceFixture fixture, Guid productId) =>
        (int)(await fixture.StockAsync(productId))["quantity"]!;

    public static Task<HttpResponseMessage> ReserveAsync(this HttpClient client, Guid reservationId, params (Guid ProductId, int Quantity)[] items) =>
        client.PostAsJsonAsync("/api/inventory/reserve", new { reservationId, items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }) });

    public static Task<HttpResponseMessage> ReleaseAsync(this HttpClient client, Guid reservationId) =>
        client.PostAsJsonAsync("/api/inventory/release", new { reservationId });

    public static Task<HttpResponseMessage> CommitAsync(this HttpClient client, Guid reservationId) =>
        client.PostAsJsonAsync("/api/inventory/commit", new { reservationId });
}
