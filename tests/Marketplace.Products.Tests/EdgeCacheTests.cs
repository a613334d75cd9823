using System.Net;
using Marketplace.BuildingBlocks.Observability;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Testing;
using static Marketplace.Products.Tests.CatalogReads;

namespace Marketplace.Products.Tests;

/// <summary>The gateway answers public catalog reads from its own cache.</summary>
public sealed class EdgeCacheTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task The_gateway_answers_a_catalog_read_it_has_seen_even_with_the_product_service_gone()
    {
        var products = new ProductsServiceFixture();
        await products.InitializeAsync();
        await using var gateway = GatewayFixture.StartGateway(products);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var vendor = products.ClientAs(Guid.NewGuid(), Roles.Vendor);
        var seen = await CreateAsync(vendor, "Tent");
        var unseen = await CreateAsync(vendor, "Sleeping Bag");
        Assert.Equal("Tent", await NameAsync(client, seen));

        await products.DisposeAsync();

        Assert.Equal("Tent", await NameAsync(client, seen));
        using var notCached = await client.GetAsync($"/api/products/{unseen}");
        Assert.NotEqual(HttpStatusCode.OK, notCached.StatusCode);
    }

    [Fact]
    public async Task A_write_through_the_gateway_is_read_back_through_it_at_once_even_without_redis()
    {
        await using var gateway = GatewayHost.Start(null, ("products", fixture.Host.BaseAddress));
        using var vendor = new HttpClient { BaseAddress = gateway.BaseAddress }.WithBearer(TestJwt.TokenFor(Guid.NewGuid(), Roles.Vendor));
        using var visitor = new HttpClient { BaseAddress = gateway.BaseAddress };
        var id = await CreateAsync(vendor, "Kettle");
        Assert.Equal("Kettle", await NameAsync(visitor, id));
        Assert.Contains("Kettle", await NamesInCategoryAsync(visitor));

        await RenameAsync(vendor, id, "Copper Kettle");

        Assert.Equal("Copper Kettle", await NameAsync(visitor, id));
        Assert.Contains("Copper Kettle", await NamesInCategoryAsync(visitor));
    }

    [Fact]
    public async Task A_write_made_behind_the_gateway_evicts_its_cache_through_redis()
    {
        using var vendor = fixture.ClientAs(Guid.NewGuid(), Roles.Vendor);
        using var visitor = fixture.CreateGatewayClient();
        var id = await CreateAsync(vendor, "Lamp");
        Assert.Equal("Lamp", await NameAsync(visitor, id));

        await RenameAsync(vendor, id, "Desk Lamp");

        Assert.Equal("Desk Lamp", await NameOnceChangedAsync(visitor, id, "Lamp"));
    }

    [Fact]
    public async Task A_cached_answer_carries_the_correlation_id_of_the_request_it_answers()
    {
        using var vendor = fixture.ClientAs(Guid.NewGuid(), Roles.Vendor);
        var id = await CreateAsync(vendor, "Mug");
        foreach (var address in new[] { fixture.Gateway.BaseAddress, fixture.Host.BaseAddress })
        {
            using var client = new HttpClient { BaseAddress = address };
            foreach (var correlationId in new[] { "first-read", "second-read" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/products/{id}");
                request.Headers.Add(CorrelationId.HeaderName, correlationId);
                using var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(correlationId, response.Headers.GetValues(CorrelationId.HeaderName).Single());
            }
        }
    }
}
