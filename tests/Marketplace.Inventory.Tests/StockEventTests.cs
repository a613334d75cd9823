using System.Net;
using System.Text.Json.Nodes;
using Marketplace.Inventory.IntegrationEvents;
using Marketplace.Testing;

namespace Marketplace.Inventory.Tests;

public sealed class StockEventTests(InventoryServiceFixture fixture) : IClassFixture<InventoryServiceFixture>
{
    private static Func<JsonNode, bool> For(Guid productId) => data => (string)data["productId"]! == productId.ToString();

    [Fact]
    public async Task Falling_below_the_threshold_publishes_StockLow_once_and_climbing_back_publishes_StockReplenished()
    {
        var productId = await fixture.StockedProductAsync(12, lowStockThreshold: 10);
        using var client = fixture.CreateInternalClient();
        var first = Guid.NewGuid();

        (await client.ReserveAsync(first, (productId, 3))).EnsureSuccessStatusCode();
        (await client.ReserveAsync(Guid.NewGuid(), (productId, 2))).EnsureSuccessStatusCode();
        var low = await fixture.Events.WaitForAsync(nameof(StockLow), For(productId));
        (await client.ReleaseAsync(first)).EnsureSuccessStatusCode();
        var replenished = await fixture.Events.WaitForAsync(nameof(StockReplenished), For(productId), count: 2);

        var stockLow = Assert.Single(low);
        Assert.Equal(9, (int)stockLow["quantity"]!);
        Assert.Equal(10, (int)stockLow["lowStockThreshold"]!);
        Assert.Equal([12, 10], replenished.Select(data => (int)data["quantity"]!));
        await Task.Delay(500);
        Assert.Single(await fixture.Events.ReadAsync(nameof(StockLow)), data => For(productId)(data));
    }

    [Fact]
    public async Task Each_crossing_publishes_its_own_StockLow()
    {
        var productId = await fixture.StockedProductAsync(10, lowStockThreshold: 5);
        using var client = fixture.CreateInternalClient();
        var reservationId = Guid.NewGuid();

        (await client.ReserveAsync(reservationId, (productId, 8))).EnsureSuccessStatusCode();
        (await client.ReleaseAsync(reservationId)).EnsureSuccessStatusCode();
        (await client.ReserveAsync(Guid.NewGuid(), (productId, 6))).EnsureSuccessStatusCode();

        var low = await fixture.Events.WaitForAsync(nameof(StockLow), For(productId), count: 2);
        Assert.Equal([2, 4], low.Select(data => (int)data["quantity"]!));
        var replenished = await fixture.Events.WaitForAsync(nameof(StockReplenished), For(productId), count: 2);
        Assert.Equal([10, 10], replenished.Select(data => (int)data["quantity"]!));
    }

    [Fact]
    public async Task Selling_the_last_unit_publishes_ProductSoldOut_once_and_stock_coming_back_publishes_ProductBackInStock()
    {
        var productId = await fixture.StockedProductAsync(5, lowStockThreshold: 2);
        using var client = fixture.CreateInternalClient();
        var last = Guid.NewGuid();

        (await client.ReserveAsync(Guid.NewGuid(), (productId, 3))).EnsureSuccessStatusCode();
        (await client.ReserveAsync(last, (productId, 2))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await client.ReserveAsync(Guid.NewGuid(), (productId, 1))).StatusCode);
        var soldOut = await fixture.Events.WaitForAsync(nameof(ProductSoldOut), For(productId));
        (await client.ReleaseAsync(last)).EnsureSuccessStatusCode();
        var backInStock = await fixture.Events.WaitForAsync(nameof(ProductBackInStock), For(productId));

        Assert.Single(soldOut);
        Assert.Equal(2, (int)Assert.Single(backInStock)["quantity"]!);
        (await client.ReserveAsync(Guid.NewGuid(), (productId, 2))).EnsureSuccessStatusCode();
        Assert.Equal(2, (await fixture.Events.WaitForAsync(nameof(ProductSoldOut), For(productId), count: 2)).Count);
    }

    [Fact]
    public async Task A_product_stocked_for_the_first_time_was_never_sold_out_and_announces_nothing()
    {
        var stocked = await fixture.StockedProductAsync(5);
        var marker = await fixture.StockedProductAsync(1);
        using var client = fixture.CreateInternalClient();

        (await client.ReserveAsync(Guid.NewGuid(), (marker, 1))).EnsureSuccessStatusCode();
        await fixture.Events.WaitForAsync(nameof(ProductSoldOut), For(marker));

        Assert.DoesNotContain(await fixture.Events.ReadAsync(nameof(ProductBackInStock)), data => For(stocked)(data));
        Assert.DoesNotContain(await fixture.Events.ReadAsync(nameof(ProductSoldOut)), data => For(stocked)(data));
    }

    [Fact]
    public async Task ProductCreated_creates_a_zero_stock_record_once()
    {
        var productId = Guid.NewGuid();
        var created = new ProductCreated(productId);

        await fixture.Events.PublishAsync(created, "products");
        await fixture.Events.PublishAsync(created, "products");

        var stock = await fixture.WaitForStockAsync(productId);
        Assert.Equal(0, (int)stock["quantity"]!);
        Assert.Equal(0, (int)stock["reserved"]!);
        Assert.Equal(10, (int)stock["lowStockThreshold"]!);
        Assert.True((bool)stock["isLowStock"]!);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM inventories WHERE product_id = @productId", productId));
    }

    [Fact]
    public async Task A_late_ProductCreated_leaves_existing_stock_alone()
    {
        var productId = await fixture.StockedProductAsync(25);
        var marker = Guid.NewGuid();

        await fixture.Events.PublishAsync(new ProductCreated(productId), "products");
        await fixture.Events.PublishAsync(new ProductCreated(marker), "products");
        await fixture.WaitForStockAsync(marker);

        Assert.Equal(25, await fixture.QuantityAsync(productId));
    }

    [Fact]
    public async Task ProductDeleted_stops_new_reservations_with_a_clear_conflict_but_lets_open_ones_finish()
    {
        var productId = await fixture.StockedProductAsync(10, lowStockThreshold: 20);
        using var client = fixture.CreateInternalClient();
        var open = Guid.NewGuid();
        (await client.ReserveAsync(open, (productId, 2))).EnsureSuccessStatusCode();

        await fixture.Events.PublishAsync(new ProductDeleted(productId), "products");
        var stock = await fixture.WaitForStockAsync(productId, s => (bool)s["discontinued"]!);

        Assert.False((bool)stock["isLowStock"]!);
        var refused = await client.ReserveAsync(Guid.NewGuid(), (productId, 1));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ReadJsonAsync();
        Assert.Contains("discontinued", (string)problem["detail"]!);
        Assert.Equal("Discontinued", (string)problem["items"]![0]!["reason"]!);
        Assert.Equal(0, (int)problem["items"]![0]!["available"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.CommitAsync(open)).StatusCode);
        Assert.Equal(8, await fixture.QuantityAsync(productId));
        using var anonymous = fixture.CreateClient();
        var lowStock = (await (await anonymous.GetAsync("/api/inventory/status/low-stock?limit=100")).ReadJsonAsync())["data"]!.AsArray();
        Assert.DoesNotContain(lowStock, item => (string)item!["productId"]! == productId.ToString());
    }

    [Fact]
    public async Task A_ProductDeleted_arriving_before_its_ProductCreated_still_discontinues_the_product()
    {
        var productId = Guid.NewGuid();

        await fixture.Events.PublishAsync(new ProductDeleted(productId), "products");
        await fixture.WaitForStockAsync(productId);
        await fixture.Events.PublishAsync(new ProductCreated(productId), "products");
        var marker = Guid.NewGuid();
        await fixture.Events.PublishAsync(new ProductCreated(marker), "products");
        await fixture.WaitForStockAsync(marker);

        Assert.True((bool)(await fixture.StockAsync(productId))["discontinued"]!);
    }
}
