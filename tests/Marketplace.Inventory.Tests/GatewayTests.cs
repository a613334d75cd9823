using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Inventory.Tests;

public sealed class GatewayTests(InventoryBehindGatewayFixture fixture) : IClassFixture<InventoryBehindGatewayFixture>
{
    [Theory]
    [InlineData("/api/inventory/reserve")]
    [InlineData("/api/inventory/release")]
    [InlineData("/api/inventory/commit")]
    [InlineData("/api/inventory/reserve/")]
    [InlineData("/API/Inventory/Reserve")]
    public async Task Internal_routes_are_not_reachable_through_the_gateway_even_with_the_service_credential(string path)
    {
        var productId = await fixture.Inventory.StockedProductAsync(10);
        var reservationId = Guid.NewGuid();
        using var service = fixture.Inventory.CreateInternalClient();
        (await service.ReserveAsync(reservationId, (productId, 2))).EnsureSuccessStatusCode();
        using var client = fixture.CreateGatewayClient().WithInternalToken().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "admin"));

        var response = await client.PostAsJsonAsync(path, new { reservationId, items = new[] { new { productId, quantity = 8 } } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False((bool)(await response.ReadJsonAsync())["success"]!);
        var stock = await fixture.Inventory.StockAsync(productId);
        Assert.Equal(8, (int)stock["quantity"]!);
        Assert.Equal(2, (int)stock["reserved"]!);
    }

    [Fact]
    public async Task Event_deliveries_cannot_be_forged_through_the_gateway()
    {
        var productId = await fixture.Inventory.StockedProductAsync(10);
        using var client = fixture.CreateGatewayClient().WithInternalToken();

        var response = await client.PostAsJsonAsync("/events/ProductDeleted", new { data = new { id = Guid.NewGuid(), productId } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False((bool)(await fixture.Inventory.StockAsync(productId))["discontinued"]!);
    }

    [Fact]
    public async Task Stock_and_low_stock_are_public_through_the_gateway()
    {
        var productId = await fixture.Inventory.StockedProductAsync(2, lowStockThreshold: 5);
        using var client = fixture.CreateGatewayClient();

        var stock = await client.GetAsync($"/api/inventory/{productId}");
        var lowStock = await client.GetAsync("/api/inventory/status/low-stock?limit=100");
        var missing = await client.GetAsync($"/api/inventory/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, stock.StatusCode);
        var data = (await stock.ReadJsonAsync())["data"]!;
        Assert.Equal(2, (int)data["quantity"]!);
        Assert.True((bool)data["isLowStock"]!);
        Assert.Equal(HttpStatusCode.OK, lowStock.StatusCode);
        Assert.Contains((await lowStock.ReadJsonAsync())["data"]!.AsArray(), item => (string)item!["productId"]! == productId.ToString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_vendor_lists_and_stocks_a_product_through_the_gateway_and_nobody_else_can_stock_it()
    {
        using var vendor = fixture.CreateGatewayClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "vendor"));
        using var otherVendor = fixture.CreateGatewayClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "vendor"));
        var created = await vendor.PostAsJsonAsync("/api/products", new { name = "Kettle", description = "A kettle", price = 24.50m, category = "kitchen" });
        var productId = Guid.Parse((string)(await created.ReadJsonAsync())["data"]!["id"]!);

        var added = await vendor.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 7, lowStockThreshold = 3 });
        var refused = await otherVendor.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 7 });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(7, (int)(await added.ReadJsonAsync())["data"]!["quantity"]!);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(7, await fixture.Inventory.QuantityAsync(productId));
    }
}
