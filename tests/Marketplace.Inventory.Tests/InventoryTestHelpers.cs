using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing;

namespace Marketplace.Inventory.Tests;

public static class InventoryTestHelpers
{
    /// <summary>A product a vendor put in the catalog (the products service); returns its id.</summary>
    public static async Task<Guid> CatalogProductAsync(this InventoryServiceFixture fixture, Guid? vendorId = null)
    {
        using var vendor = fixture.CreateProductsClient("vendor", vendorId ?? Guid.NewGuid());
        var response = await vendor.PostAsJsonAsync("/api/products", new { name = "Desk lamp", description = "A lamp for the desk", price = 19.90m, category = "home" });
        response.EnsureSuccessStatusCode();
        return Guid.Parse((string)(await response.ReadJsonAsync())["data"]!["id"]!);
    }

    /// <summary>A catalog product an admin stocked with the given quantity.</summary>
    public static async Task<Guid> StockedProductAsync(this InventoryServiceFixture fixture, int quantity, int lowStockThreshold = 10)
    {
        var productId = await fixture.CatalogProductAsync();
        using var admin = fixture.CreateClient("admin");
        (await admin.PostAsJsonAsync("/api/inventory/add", new { productId, quantity, lowStockThreshold })).EnsureSuccessStatusCode();
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

    /// <summary>Polls the public stock of a product until it exists (and matches <paramref name="until"/>): events arrive asynchronously.</summary>
    public static async Task<JsonNode> WaitForStockAsync(this InventoryServiceFixture fixture, Guid productId, Func<JsonNode, bool>? until = null)
    {
        using var client = fixture.CreateClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var response = await client.GetAsync($"/api/inventory/{productId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var stock = (await response.ReadJsonAsync())["data"]!;
                if (until is null || until(stock))
                {
                    return stock;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The stock of {productId} never reached the expected state.");
    }

    public static Task<HttpResponseMessage> ReserveAsync(this HttpClient client, Guid reservationId, params (Guid ProductId, int Quantity)[] items) =>
        client.PostAsJsonAsync("/api/inventory/reserve", new { reservationId, items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }) });

    public static Task<HttpResponseMessage> ReleaseAsync(this HttpClient client, Guid reservationId) =>
        client.PostAsJsonAsync("/api/inventory/release", new { reservationId });

    public static Task<HttpResponseMessage> CommitAsync(this HttpClient client, Guid reservationId) =>
        client.PostAsJsonAsync("/api/inventory/commit", new { reservationId });
}
