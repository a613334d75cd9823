using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Inventory.Tests;

public sealed class StockTests(InventoryServiceFixture fixture) : IClassFixture<InventoryServiceFixture>
{
    [Fact]
    public async Task Get_for_a_product_without_inventory_gives_404()
    {
        using var client = fixture.CreateClient();

        var response = await client.GetAsync($"/api/inventory/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.Contains("No inventory", (string)problem["detail"]!);
    }

    [Fact]
    public async Task Get_is_public_and_shows_available_reserved_and_the_threshold()
    {
        var productId = await fixture.StockedProductAsync(30, lowStockThreshold: 25);
        using var service = fixture.CreateInternalClient();
        (await service.ReserveAsync(Guid.NewGuid(), (productId, 8))).EnsureSuccessStatusCode();
        using var anonymous = fixture.CreateClient();

        var response = await anonymous.GetAsync($"/api/inventory/{productId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True((bool)body["success"]!);
        var stock = body["data"]!;
        Assert.Equal(productId.ToString(), (string)stock["productId"]!);
        Assert.Equal(22, (int)stock["quantity"]!);
        Assert.Equal(8, (int)stock["reserved"]!);
        Assert.Equal(25, (int)stock["lowStockThreshold"]!);
        Assert.True((bool)stock["isLowStock"]!);
    }

    [Fact]
    public async Task Low_stock_lists_exactly_the_items_below_their_threshold()
    {
        var low = await fixture.StockedProductAsync(3, lowStockThreshold: 5);
        var atThreshold = await fixture.StockedProductAsync(5, lowStockThreshold: 5);
        var plenty = await fixture.StockedProductAsync(500);
        var zeroThreshold = await fixture.StockedProductAsync(1, lowStockThreshold: 0);
        using var service = fixture.CreateInternalClient();
        (await service.ReserveAsync(Guid.NewGuid(), (zeroThreshold, 1))).EnsureSuccessStatusCode();
        using var client = fixture.CreateClient();

        var response = await client.GetAsync("/api/inventory/status/low-stock?limit=100");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var listed = body["data"]!.AsArray();
        Assert.All(listed, item => Assert.True((int)item!["quantity"]! < (int)item["lowStockThreshold"]! && (bool)item["isLowStock"]!));
        var ids = listed.Select(item => (string)item!["productId"]!).ToList();
        Assert.Contains(low.ToString(), ids);
        Assert.DoesNotContain(atThreshold.ToString(), ids);
        Assert.DoesNotContain(plenty.ToString(), ids);
        Assert.DoesNotContain(zeroThreshold.ToString(), ids);
        Assert.Equal(listed.Count, (int)body["pagination"]!["total"]!);
        var quantities = listed.Select(item => (int)item!["quantity"]!).ToList();
        Assert.Equal(quantities.Order(), quantities); // scarcest first
        Assert.True((bool)(await fixture.StockAsync(low))["isLowStock"]!);
        Assert.False((bool)(await fixture.StockAsync(atThreshold))["isLowStock"]!);
        Assert.False((bool)(await fixture.StockAsync(zeroThreshold))["isLowStock"]!);
    }

    [Fact]
    public async Task Low_stock_follows_reservations_and_pages()
    {
        var productId = await fixture.StockedProductAsync(6, lowStockThreshold: 5);
        using var client = fixture.CreateClient();
        using var service = fixture.CreateInternalClient();
        Assert.DoesNotContain(productId.ToString(), await LowStockIdsAsync(client));

        (await service.ReserveAsync(Guid.NewGuid(), (productId, 2))).EnsureSuccessStatusCode();

        Assert.Contains(productId.ToString(), await LowStockIdsAsync(client));
        var firstPage = await (await client.GetAsync("/api/inventory/status/low-stock?page=1&limit=1")).ReadJsonAsync();
        Assert.Single(firstPage["data"]!.AsArray());
        Assert.Equal(1, (int)firstPage["pagination"]!["limit"]!);
        var farPage = await client.GetAsync("/api/inventory/status/low-stock?page=1000000&limit=100");
        Assert.Equal(HttpStatusCode.OK, farPage.StatusCode);
        Assert.Empty((await farPage.ReadJsonAsync())["data"]!.AsArray());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=2147483647", "page")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("page=-1&limit=1000", "page", "limit")]
    public async Task A_low_stock_page_out_of_range_is_400_naming_the_parameter(string query, params string[] fields)
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/inventory/status/low-stock?{query}");

        await response.AssertFieldErrorsAsync(fields);
    }

    [Theory]
    [InlineData("""{"quantity":5}""", "productId")]
    [InlineData("""{"productId":"PRODUCT","quantity":0}""", "quantity")]
    [InlineData("""{"productId":"PRODUCT","quantity":-3}""", "quantity")]
    [InlineData("""{"productId":"PRODUCT","quantity":1000001}""", "quantity")]
    [InlineData("""{"productId":"PRODUCT"}""", "quantity")]
    [InlineData("""{"productId":"PRODUCT","quantity":5,"lowStockThreshold":-1}""", "lowStockThreshold")]
    [InlineData("""{"productId":"PRODUCT","quantity":"five"}""", "quantity")]
    [InlineData("""{"productId":"PRODUCT","quantity":2.5}""", "quantity")]
    [InlineData("""{"productId":"not-a-uuid","quantity":5}""", "productId")]
    [InlineData("""{"productId":""", "body")]
    public async Task Add_rejects_bad_input_with_field_errors(string json, string field)
    {
        var productId = Guid.NewGuid();
        using var admin = fixture.CreateClient("admin");

        var response = await admin.PostRawJsonAsync("/api/inventory/add", json.Replace("PRODUCT", productId.ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.False((bool)body["success"]!);
        Assert.NotNull(body["errors"]![field]);
        using var client = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/inventory/{productId}")).StatusCode);
    }

    [Fact]
    public async Task Customers_and_anonymous_callers_cannot_add_stock()
    {
        var productId = await fixture.StockedProductAsync(4);
        using var customer = fixture.CreateClient("customer");
        using var anonymous = fixture.CreateClient();
        using var service = fixture.CreateInternalClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = 5 })).StatusCode);
        Assert.Equal(4, await fixture.QuantityAsync(productId));
    }

    private static async Task<List<string>> LowStockIdsAsync(HttpClient client)
    {
        var body = await (await client.GetAsync("/api/inventory/status/low-stock?limit=100")).ReadJsonAsync();
        return body["data"]!.AsArray().Select(item => (string)item!["productId"]!).ToList();
    }
}
