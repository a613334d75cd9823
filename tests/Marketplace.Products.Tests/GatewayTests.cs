using System.Net;
using System.Net.Http.Json;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Products.DemoData;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

/// <summary>The product routes answer through the real gateway, as clients reach them.</summary>
public sealed class GatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task The_filtered_list_categories_and_a_product_answer_through_the_gateway()
    {
        using var client = fixture.CreateGatewayClient();
        var books = DemoCatalog.OfSize(DemoCatalogFixture.Size).Count(p => p.Category == "Books");

        var list = await client.GetAsync("/api/products?category=Books&limit=5&sort=-price");
        var categories = await client.GetAsync("/api/products/categories");
        var product = await client.GetAsync("/api/products/00000000-0000-7000-8001-000000000001");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("nosniff", list.Headers.GetValues("X-Content-Type-Options").Single());
        var body = await list.ReadJsonAsync();
        Assert.Equal(books, (int)body["pagination"]!["total"]!);
        Assert.Equal(5, body["data"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.OK, categories.StatusCode);
        Assert.Equal(HttpStatusCode.OK, product.StatusCode);
        Assert.Equal("Wireless Noise-Cancelling Headphones", (string)(await product.ReadJsonAsync())["data"]!["name"]!);
    }

    [Fact]
    public async Task A_vendor_creates_changes_and_deletes_a_product_through_the_gateway()
    {
        using var vendor = fixture.CreateGatewayClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), Roles.Vendor));
        using var anonymous = fixture.CreateGatewayClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/products", new { name = "n" })).StatusCode);
        var created = await vendor.PostAsJsonAsync("/api/products", new { name = "Gateway Kettle", description = "Steel kettle.", price = 25m, category = "Home & Kitchen" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.ReadJsonAsync())["data"]!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await vendor.PutAsJsonAsync($"/api/products/{id}", new { price = 27m })).StatusCode);
        Assert.Equal(27m, (decimal)(await (await anonymous.GetAsync($"/api/products/{id}")).ReadJsonAsync())["data"]!["price"]!);
        Assert.Equal(HttpStatusCode.OK, (await vendor.DeleteAsync($"/api/products/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/products/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_service_lookup_is_not_reachable_through_the_gateway_even_with_the_service_credential()
    {
        using var client = fixture.CreateGatewayClient().WithInternalToken();

        var response = await client.PostAsJsonAsync("/api/products/lookup", new { ids = new[] { Guid.Parse("00000000-0000-7000-8001-000000000001") } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_malformed_query_gives_400_with_the_field_through_the_gateway()
    {
        using var client = fixture.CreateGatewayClient();

        var response = await client.GetAsync("/api/products?page=abc&limit=500");

        await ProblemAssertions.AssertFieldErrorsAsync(response, "page", "limit");
    }
}
