using System.Net;
using System.Net.Http.Json;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Products.DemoData;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

/// <summary>Services (the order service pricing a cart) look several products up in one call.</summary>
public sealed class ProductLookupTests(DemoCatalogFixture fixture) : IClassFixture<DemoCatalogFixture>
{
    private const string Lookup = "/api/products/lookup";

    [Fact]
    public async Task A_service_gets_every_product_it_asks_for_once_and_unknown_ids_are_left_out()
    {
        var catalog = DemoCatalog.OfSize(DemoCatalogFixture.Size);
        var (first, last) = (catalog[0], catalog[^1]);
        using var service = fixture.CreateClient().WithInternalToken();

        var response = await service.PostAsJsonAsync(Lookup, new { ids = new[] { first.Id, Guid.NewGuid(), last.Id, first.Id } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var products = (await response.ReadJsonAsync())["data"]!.AsArray()
            .ToDictionary(product => Guid.Parse((string)product!["id"]!), product => ((string)product!["name"]!, (decimal)product!["price"]!));
        Assert.Equal(
            new Dictionary<Guid, (string, decimal)> { [first.Id] = (first.Name, first.Price), [last.Id] = (last.Name, last.Price) },
            products);
    }

    [Fact]
    public async Task Only_services_may_look_products_up()
    {
        var ids = new[] { DemoCatalog.OfSize(DemoCatalogFixture.Size)[0].Id };
        using var anonymous = fixture.CreateClient();
        using var admin = fixture.ClientAs(Guid.NewGuid(), Roles.Admin);

        // A user's token, an admin's included, is no service credential.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(Lookup, new { ids })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.PostAsJsonAsync(Lookup, new { ids })).StatusCode);
    }

    [Theory]
    [InlineData("{}", "ids")]
    [InlineData("{\"ids\":null}", "ids")]
    [InlineData("{\"ids\":[]}", "ids")]
    [InlineData("{\"ids\":\"not a list\"}", "ids")]
    [InlineData("{\"ids\":[\"not a guid\"]}", "ids[0]")]
    public async Task A_lookup_without_a_list_of_product_ids_gives_400_naming_the_field(string json, string field)
    {
        using var service = fixture.CreateClient().WithInternalToken();

        var response = await service.PostRawJsonAsync(Lookup, json);

        await ProblemAssertions.AssertFieldErrorsAsync(response, field);
    }

    [Fact]
    public async Task A_lookup_of_more_than_a_hundred_ids_gives_400()
    {
        using var service = fixture.CreateClient().WithInternalToken();

        var response = await service.PostAsJsonAsync(Lookup, new { ids = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()) });

        await ProblemAssertions.AssertFieldErrorsAsync(response, "ids");
    }
}
