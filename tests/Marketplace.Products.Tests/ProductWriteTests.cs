using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

public sealed class ProductWriteTests(ProductsServiceFixture fixture) : IClassFixture<ProductsServiceFixture>
{
    private static readonly Guid VendorA = Guid.NewGuid();
    private static readonly Guid VendorB = Guid.NewGuid();
    private static readonly Guid Admin = Guid.NewGuid();

    private static object NewProduct(string category = "Footwear", decimal price = 89.90m) => new
    {
        name = "Trail Running Shoes",
        description = "Light shoes with a grippy sole.",
        price,
        category,
        images = new[] { "https://img.example/shoe.jpg", "http://img.example/shoe-side.jpg" },
    };

    private async Task<string> CreateAsync(Guid owner, string role = Roles.Vendor, string category = "Footwear")
    {
        using var client = fixture.ClientAs(owner, role);
        var response = await client.PostAsJsonAsync("/api/products", NewProduct(category));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.ReadJsonAsync())["data"]!["id"]!;
    }

    private async Task<JsonNode> GetAsync(string id)
    {
        using var client = fixture.CreateClient();
        var response = await client.GetAsync($"/api/products/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["data"]!;
    }

    [Fact]
    public async Task Create_returns_201_with_the_product_owned_by_the_vendor()
    {
        using var client = fixture.ClientAs(VendorA, Roles.Vendor);

        var response = await client.PostAsJsonAsync("/api/products", NewProduct());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True((bool)body["success"]!);
        var data = body["data"]!;
        var id = (string)data["id"]!;
        Assert.Equal($"/api/products/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Trail Running Shoes", (string)data["name"]!);
        Assert.Equal("Light shoes with a grippy sole.", (string)data["description"]!);
        Assert.Equal(89.90m, (decimal)data["price"]!);
        Assert.Equal("Footwear", (string)data["category"]!);
        Assert.Equal(["https://img.example/shoe.jpg", "http://img.example/shoe-side.jpg"], data["images"]!.AsArray().Select(i => (string)i!));
        Assert.Equal(VendorA.ToString(), (string)data["userId"]!);
        Assert.Equal((string)data["createdAt"]!, (string)data["updatedAt"]!);
        Assert.Equal(data.ToJsonString(), (await GetAsync(id)).ToJsonString());
    }

    [Fact]
    public async Task A_vendor_may_own_many_products_and_an_admin_may_create_too()
    {
        var category = $"owned-{Guid.NewGuid():N}";
        await CreateAsync(VendorA, category: category);
        await CreateAsync(VendorA, category: category);
        var adminProduct = await CreateAsync(Admin, Roles.Admin, category);
        using var client = fixture.CreateClient();

        var list = await (await client.GetAsync($"/api/products?category={category}")).ReadJsonAsync();

        Assert.Equal(3, (int)list["pagination"]!["total"]!);
        Assert.Equal(2, list["data"]!.AsArray().Count(p => (string)p!["userId"]! == VendorA.ToString()));
        Assert.Equal(Admin.ToString(), (string)(await GetAsync(adminProduct))["userId"]!);
    }

    [Fact]
    public async Task Create_without_a_token_gives_401_and_as_a_customer_403()
    {
        using var anonymous = fixture.CreateClient();
        using var customer = fixture.ClientAs(Guid.NewGuid(), Roles.Customer);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/products", NewProduct())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync("/api/products", NewProduct())).StatusCode);
    }

    public static TheoryData<string, string> InvalidProducts => new()
    {
        { """{"description":"d","price":1,"category":"c"}""", "name" },
        { """{"name":"   ","description":"d","price":1,"category":"c"}""", "name" },
        { $$"""{"name":"{{new string('n', 256)}}","description":"d","price":1,"category":"c"}""", "name" },
        { """{"name":"n","price":1,"category":"c"}""", "description" },
        { """{"name":"n","description":"","price":1,"category":"c"}""", "description" },
        { $$"""{"name":"n","description":"{{new string('d', 10_001)}}","price":1,"category":"c"}""", "description" },
        { """{"name":"n","description":"d","category":"c"}""", "price" },
        { """{"name":"n","description":"d","price":-0.01,"category":"c"}""", "price" },
        { """{"name":"n","description":"d","price":1000000,"category":"c"}""", "price" },
        { """{"name":"n","description":"d","price":10.999,"category":"c"}""", "price" },
        { """{"name":"n","description":"d","price":"12.50","category":"c"}""", "price" },
        { """{"name":"n","description":"d","price":1e40,"category":"c"}""", "price" },
        { """{"name":"n","description":"d","price":1}""", "category" },
        { $$"""{"name":"n","description":"d","price":1,"category":"{{new string('c', 101)}}"}""", "category" },
        { $$"""{"name":"n","description":"d","price":1,"category":"c","images":[{{string.Join(',', Enumerable.Range(0, 11).Select(i => $"\"https://img.example/{i}.jpg\""))}}]}""", "images" },
        { """{"name":"n","description":"d","price":1,"category":"c","images":["ftp://img.example/a.jpg"]}""", "images" },
        { """{"name":"n","description":"d","price":1,"category":"c","images":["/relative/a.jpg"]}""", "images" },
        { """{"name":"n","description":"d","price":1,"category":"c","images":[null]}""", "images" },
        { """{"name":"n","description":"d","price":1,"category":"c","images":"https://img.example/a.jpg"}""", "images" },
        { """{"name":"n","description":"d",""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidProducts))]
    public async Task Create_rejects_each_invalid_field_with_400(string json, string field)
    {
        using var client = fixture.ClientAs(VendorA, Roles.Vendor);

        var response = await client.PostRawJsonAsync("/api/products", json);

        await ProblemAssertions.AssertFieldErrorsAsync(response, field);
    }

    [Fact]
    public async Task Create_accepts_the_boundary_values()
    {
        using var client = fixture.ClientAs(VendorA, Roles.Vendor);
        var images = Enumerable.Range(0, 10).Select(i => $"https://img.example/{i}.jpg").ToArray();

        var largest = await client.PostAsJsonAsync("/api/products", new
        {
            name = new string('n', 255), description = new string('d', 10_000), price = 999_999.99m, category = new string('c', 100), images,
        });
        var free = await client.PostAsJsonAsync("/api/products", new { name = "n", description = "d", price = 0m, category = "c" });

        Assert.Equal(HttpStatusCode.Created, largest.StatusCode);
        Assert.Equal(999_999.99m, (decimal)(await largest.ReadJsonAsync())["data"]!["price"]!);
        Assert.Equal(HttpStatusCode.Created, free.StatusCode);
        Assert.Empty((await free.ReadJsonAsync())["data"]!["images"]!.AsArray());
    }

    [Fact]
    public async Task Update_by_the_owner_changes_only_the_fields_sent()
    {
        var id = await CreateAsync(VendorA);
        var before = await GetAsync(id);
        using var client = fixture.ClientAs(VendorA, Roles.Vendor);

        var response = await client.PutAsJsonAsync($"/api/products/{id}", new { price = 75.5m, images = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await response.ReadJsonAsync())["data"]!;
        Assert.Equal(75.5m, (decimal)data["price"]!);
        Assert.Empty(data["images"]!.AsArray());
        Assert.Equal((string)before["name"]!, (string)data["name"]!);
        Assert.Equal((string)before["description"]!, (string)data["description"]!);
        Assert.Equal((string)before["category"]!, (string)data["category"]!);
        Assert.Equal((string)before["createdAt"]!, (string)data["createdAt"]!);
        Assert.True((DateTimeOffset)data["updatedAt"]! >= (DateTimeOffset)before["updatedAt"]!);
        Assert.Equal(data.ToJsonString(), (await GetAsync(id)).ToJsonString());
    }

    [Fact]
    public async Task Update_by_another_vendor_gives_403_and_changes_nothing()
    {
        var id = await CreateAsync(VendorA);
        using var client = fixture.ClientAs(VendorB, Roles.Vendor);

        var response = await client.PutAsJsonAsync($"/api/products/{id}", new { name = "Taken over" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False((bool)(await response.ReadJsonAsync())["success"]!);
        Assert.Equal("Trail Running Shoes", (string)(await GetAsync(id))["name"]!);
    }

    [Fact]
    public async Task Update_by_an_admin_changes_any_product()
    {
        var id = await CreateAsync(VendorA);
        using var client = fixture.ClientAs(Admin, Roles.Admin);

        var response = await client.PutAsJsonAsync($"/api/products/{id}", new { name = "Renamed by admin", category = "Sale" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var product = await GetAsync(id);
        Assert.Equal("Renamed by admin", (string)product["name"]!);
        Assert.Equal(VendorA.ToString(), (string)product["userId"]!);
    }

    [Fact]
    public async Task Update_without_a_token_gives_401_and_as_a_customer_403()
    {
        var id = await CreateAsync(VendorA);
        using var anonymous = fixture.CreateClient();
        using var customer = fixture.ClientAs(Guid.NewGuid(), Roles.Customer);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync($"/api/products/{id}", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PutAsJsonAsync($"/api/products/{id}", new { name = "x" })).StatusCode);
    }

    [Theory]
    [InlineData("{}", "body")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"price":-1}""", "price")]
    [InlineData("""{"price":1.234}""", "price")]
    [InlineData("""{"description":""}""", "description")]
    [InlineData("""{"category":""}""", "category")]
    [InlineData("""{"images":["not a url"]}""", "images")]
    [InlineData("""{"name":"Lamp\u0000"}""", "name")]
    [InlineData("""{"images":["https://img.example/\u0000.png"]}""", "images[0]")]
    public async Task Update_rejects_invalid_fields_with_400(string json, string field)
    {
        var id = await CreateAsync(VendorA);
        using var client = fixture.ClientAs(VendorA, Roles.Vendor);

        var response = await client.PutAsync($"/api/products/{id}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssertions.AssertFieldErrorsAsync(response, field);
    }

    [Fact]
    public async Task Update_and_delete_of_an_unknown_product_give_404_and_of_a_malformed_id_400()
    {
        using var client = fixture.ClientAs(Admin, Roles.Admin);
        var unknown = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/products/{unknown}", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/products/{unknown}")).StatusCode);
        var malformed = await client.PutAsJsonAsync("/api/products/not-a-uuid", new { name = "x" });
        await ProblemAssertions.AssertFieldErrorsAsync(malformed, "id");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.DeleteAsync("/api/products/not-a-uuid")).StatusCode);
    }

    [Fact]
    public async Task Delete_by_the_owner_removes_the_product()
    {
        var id = await CreateAsync(VendorA);
        using var client = fixture.ClientAs(VendorA, Roles.Vendor);

        var response = await client.DeleteAsync($"/api/products/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True((bool)body["success"]!);
        Assert.Equal(id, (string)body["data"]!["id"]!);
        using var anonymous = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/products/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/products/{id}")).StatusCode);
    }

    [Fact]
    public async Task Delete_by_another_vendor_or_a_customer_is_refused_and_by_an_admin_allowed()
    {
        var id = await CreateAsync(VendorA);
        using var vendorB = fixture.ClientAs(VendorB, Roles.Vendor);
        using var customer = fixture.ClientAs(Guid.NewGuid(), Roles.Customer);
        using var anonymous = fixture.CreateClient();
        using var admin = fixture.ClientAs(Admin, Roles.Admin);

        Assert.Equal(HttpStatusCode.Forbidden, (await vendorB.DeleteAsync($"/api/products/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.DeleteAsync($"/api/products/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/products/{id}")).StatusCode);
        await GetAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/products/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/products/{id}")).StatusCode);
    }

    [Fact]
    public async Task Cached_reads_see_every_write_at_once()
    {
        var category = $"cached-{Guid.NewGuid():N}";
        var id = await CreateAsync(VendorA, category: category);
        using var reader = fixture.CreateClient();
        using var vendor = fixture.ClientAs(VendorA, Roles.Vendor);
        async Task<JsonNode> ReadAsync(string path) => await (await reader.GetAsync(path)).ReadJsonAsync();
        var listPath = $"/api/products?category={category}";
        Assert.Equal(1, (int)(await ReadAsync(listPath))["pagination"]!["total"]!);
        Assert.Equal("Trail Running Shoes", (string)(await ReadAsync($"/api/products/{id}"))["data"]!["name"]!);
        Assert.Contains((await ReadAsync("/api/products/categories"))["data"]!.AsArray(), c => (string)c!["category"]! == category && (int)c["count"]! == 1);

        await vendor.PutAsJsonAsync($"/api/products/{id}", new { name = "Road Running Shoes" });
        Assert.Equal("Road Running Shoes", (string)(await ReadAsync($"/api/products/{id}"))["data"]!["name"]!);

        await CreateAsync(VendorA, category: category);
        Assert.Equal(2, (int)(await ReadAsync(listPath))["pagination"]!["total"]!);
        Assert.Contains((await ReadAsync("/api/products/categories"))["data"]!.AsArray(), c => (string)c!["category"]! == category && (int)c["count"]! == 2);

        await vendor.DeleteAsync($"/api/products/{id}");
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/products/{id}")).StatusCode);
        Assert.Equal(1, (int)(await ReadAsync(listPath))["pagination"]!["total"]!);
    }
}
