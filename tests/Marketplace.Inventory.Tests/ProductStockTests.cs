using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Inventory.IntegrationEvents;
using Marketplace.Testing;

namespace Marketplace.Inventory.Tests;

/// <summary>What inventory asks of and hears from the real products service: ownership, existence and the product lifecycle.</summary>
public sealed class ProductStockTests(InventoryServiceFixture fixture) : IClassFixture<InventoryServiceFixture>
{
    private static Func<JsonNode, bool> For(Guid productId) => data => (string)data["productId"]! == productId.ToString();

    [Fact]
    public async Task Admin_add_creates_the_record_then_increments_it_and_sets_the_threshold()
    {
        var productId = await fixture.CatalogProductAsync();
        using var admin = fixture.CreateClient("admin");

        var created = await admin.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 30 });
        var incremented = await admin.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 12, lowStockThreshold = 50 });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = await created.ReadJsonAsync();
        Assert.True((bool)body["success"]!);
        Assert.Equal(30, (int)body["data"]!["quantity"]!);
        Assert.Equal(10, (int)body["data"]!["lowStockThreshold"]!);
        Assert.Equal(HttpStatusCode.OK, incremented.StatusCode);
        var stock = await fixture.StockAsync(productId);
        Assert.Equal(productId.ToString(), (string)stock["productId"]!);
        Assert.Equal(42, (int)stock["quantity"]!);
        Assert.Equal(0, (int)stock["reserved"]!);
        Assert.Equal(50, (int)stock["lowStockThreshold"]!);
        Assert.True((bool)stock["isLowStock"]!);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM inventories WHERE product_id = @productId", productId));
    }

    [Fact]
    public async Task Concurrent_adds_all_count()
    {
        var productId = await fixture.CatalogProductAsync();
        using var admin = fixture.CreateClient("admin");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => admin.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 3 })));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(60, await fixture.QuantityAsync(productId));
    }

    [Fact]
    public async Task A_vendor_stocks_their_own_products_only()
    {
        var vendorId = Guid.NewGuid();
        var own = await fixture.CatalogProductAsync(vendorId);
        var others = await fixture.CatalogProductAsync();
        await fixture.WaitForStockAsync(others);
        using var vendor = fixture.CreateClient("vendor", vendorId);

        var ownResponse = await vendor.PostAsJsonAsync("/api/inventory/add", new { productId = own, quantity = 5 });
        var othersResponse = await vendor.PostAsJsonAsync("/api/inventory/add", new { productId = others, quantity = 5 });

        Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);
        Assert.Equal(5, await fixture.QuantityAsync(own));
        Assert.Equal(HttpStatusCode.Forbidden, othersResponse.StatusCode);
        Assert.False((bool)(await othersResponse.ReadJsonAsync())["success"]!);
        Assert.Equal(0, await fixture.QuantityAsync(others));
    }

    [Fact]
    public async Task Add_for_a_product_the_catalog_does_not_know_gives_404()
    {
        using var admin = fixture.CreateClient("admin");
        var productId = Guid.NewGuid();

        var response = await admin.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 5 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(productId.ToString(), (string)(await response.ReadJsonAsync())["detail"]!);
        using var client = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/inventory/{productId}")).StatusCode);
    }

    [Fact]
    public async Task A_catalog_product_gets_a_zero_stock_record_from_ProductCreated()
    {
        var productId = await fixture.CatalogProductAsync();

        var stock = await fixture.WaitForStockAsync(productId);

        Assert.Equal(0, (int)stock["quantity"]!);
        Assert.Equal(0, (int)stock["reserved"]!);
        Assert.Equal(10, (int)stock["lowStockThreshold"]!);
        Assert.True((bool)stock["isLowStock"]!);
    }

    [Fact]
    public async Task Deleting_a_catalog_product_discontinues_its_stock_and_refuses_further_adds()
    {
        var vendorId = Guid.NewGuid();
        var productId = await fixture.CatalogProductAsync(vendorId);
        using var admin = fixture.CreateClient("admin");
        (await admin.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 5 })).EnsureSuccessStatusCode();
        using var vendor = fixture.CreateProductsClient("vendor", vendorId);

        (await vendor.DeleteAsync($"/api/products/{productId}")).EnsureSuccessStatusCode();
        var stock = await fixture.WaitForStockAsync(productId, s => (bool)s["discontinued"]!);

        Assert.Equal(5, (int)stock["quantity"]!);
        using var service = fixture.CreateInternalClient();
        var refused = await service.ReserveAsync(Guid.NewGuid(), (productId, 1));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("Discontinued", (string)(await refused.ReadJsonAsync())["items"]![0]!["reason"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 5 })).StatusCode);
    }

    [Fact]
    public async Task Restocking_above_the_threshold_publishes_StockReplenished_and_raising_the_threshold_over_the_stock_publishes_StockLow()
    {
        var productId = await fixture.CatalogProductAsync();
        using var admin = fixture.CreateClient("admin");

        (await admin.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 4 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 8 })).EnsureSuccessStatusCode();
        var replenished = await fixture.Events.WaitForAsync(nameof(StockReplenished), For(productId));
        (await admin.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 1, lowStockThreshold = 20 })).EnsureSuccessStatusCode();
        var low = await fixture.Events.WaitForAsync(nameof(StockLow), For(productId));

        Assert.Equal(12, (int)Assert.Single(replenished)["quantity"]!);
        var stockLow = Assert.Single(low);
        Assert.Equal(13, (int)stockLow["quantity"]!);
        Assert.Equal(20, (int)stockLow["lowStockThreshold"]!);
    }
}
