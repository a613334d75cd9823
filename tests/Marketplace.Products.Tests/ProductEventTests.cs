using System.Net.Http.Json;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

public sealed class ProductEventTests(ProductsServiceFixture fixture) : IClassFixture<ProductsServiceFixture>
{
    private readonly Guid _vendor = Guid.NewGuid();

    [Fact]
    public async Task Create_update_and_delete_publish_their_events_through_the_outbox()
    {
        using var client = fixture.ClientAs(_vendor, Roles.Vendor);
        var created = await client.PostAsJsonAsync("/api/products", new { name = "Desk Lamp", description = "LED lamp.", price = 30.00m, category = "Home" });
        var id = (string)(await created.ReadJsonAsync())["data"]!["id"]!;
        await client.PutAsJsonAsync($"/api/products/{id}", new { name = "Desk Lamp Pro", price = 34.50m });
        await client.DeleteAsync($"/api/products/{id}");

        var createdEvent = Assert.Single(await EventStream.ForProductAsync(fixture, "ProductCreated", id));
        Assert.Equal("ProductCreated", (string)createdEvent["type"]!);
        Assert.Equal("products", (string)createdEvent["source"]!);
        Assert.Equal((string)createdEvent["id"]!, (string)createdEvent["data"]!["id"]!);
        Assert.Equal("Desk Lamp", (string)createdEvent["data"]!["name"]!);
        Assert.Equal(30.00m, (decimal)createdEvent["data"]!["price"]!);
        Assert.Equal("Home", (string)createdEvent["data"]!["category"]!);
        Assert.Equal(_vendor.ToString(), (string)createdEvent["data"]!["ownerId"]!);

        var updated = Assert.Single(await EventStream.ForProductAsync(fixture, "ProductUpdated", id))["data"]!;
        Assert.Equal("Desk Lamp Pro", (string)updated["name"]!);
        Assert.Equal(30.00m, (decimal)updated["oldPrice"]!);
        Assert.Equal(34.50m, (decimal)updated["newPrice"]!);
        Assert.Equal("Home", (string)updated["category"]!);

        Assert.Single(await EventStream.ForProductAsync(fixture, "ProductDeleted", id));
    }

    [Fact]
    public async Task Refused_and_invalid_writes_publish_nothing()
    {
        using var owner = fixture.ClientAs(_vendor, Roles.Vendor);
        using var other = fixture.ClientAs(Guid.NewGuid(), Roles.Vendor);
        var created = await owner.PostAsJsonAsync("/api/products", new { name = "Mug", description = "Ceramic mug.", price = 8m, category = "Home" });
        var id = (string)(await created.ReadJsonAsync())["data"]!["id"]!;

        await other.PutAsJsonAsync($"/api/products/{id}", new { price = 1m });
        await owner.PutAsJsonAsync($"/api/products/{id}", new { price = -1m });
        await other.DeleteAsync($"/api/products/{id}");
        await owner.PutAsJsonAsync($"/api/products/{id}", new { price = 9m });

        // The one accepted update is published; had a refused write been recorded, it would be published before it.
        var updates = await EventStream.ForProductAsync(fixture, "ProductUpdated", id);
        Assert.Equal(9m, (decimal)Assert.Single(updates)["data"]!["newPrice"]!);
        Assert.Empty(await EventStream.ForProductAsync(fixture, "ProductDeleted", id, expected: 0));
    }
}
