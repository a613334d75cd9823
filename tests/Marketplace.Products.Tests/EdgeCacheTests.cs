using System.Net;
using System.Net.Http.Json;
using Marketplace.BuildingBlocks.Observability;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Gateway.Routing;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

/// <summary>The gateway in front of the product service, with Redis as run.sh gives it.</summary>
public sealed class EdgeCacheFixture : ProductsServiceFixture
{
    public ServiceHost<GatewayOptions> Gateway { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Gateway = StartGateway(this);
    }

    public static ServiceHost<GatewayOptions> StartGateway(ProductsServiceFixture products) => GatewayHost.Start(
        new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = products.RedisConnectionString,
            ["Marketplace:EventBus:PubSubName"] = products.PubSubName,
        },
        ("products", products.Host.BaseAddress));

    public HttpClient CreateGatewayClient() => new() { BaseAddress = Gateway.BaseAddress };

    public override async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await base.DisposeAsync();
    }
}

public sealed class EdgeCacheTests(EdgeCacheFixture fixture) : IClassFixture<EdgeCacheFixture>
{
    [Fact]
    public async Task The_gateway_answers_a_catalog_read_it_has_seen_even_with_the_product_service_gone()
    {
        var products = new ProductsServiceFixture();
        await products.InitializeAsync();
        await using var gateway = EdgeCacheFixture.StartGateway(products);
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
        Assert.Contains(await NamesInCategoryAsync(visitor), name => name == "Kettle");

        using var renamed = await vendor.PutAsJsonAsync($"/api/products/{id}", new { name = "Copper Kettle" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        Assert.Equal("Copper Kettle", await NameAsync(visitor, id));
        Assert.Contains(await NamesInCategoryAsync(visitor), name => name == "Copper Kettle");
    }

    [Fact]
    public async Task A_write_made_behind_the_gateway_evicts_its_cache_through_redis()
    {
        using var vendor = fixture.ClientAs(Guid.NewGuid(), Roles.Vendor);
        using var visitor = fixture.CreateGatewayClient();
        var id = await CreateAsync(vendor, "Lamp");
        Assert.Equal("Lamp", await NameAsync(visitor, id));

        using var renamed = await vendor.PutAsJsonAsync($"/api/products/{id}", new { name = "Desk Lamp" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        var name = "Lamp";
        for (var attempt = 0; attempt < 50 && name == "Lamp"; attempt++)
        {
            await Task.Delay(20);
            name = await NameAsync(visitor, id);
        }

        Assert.Equal("Desk Lamp", name);
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

    private static async Task<Guid> CreateAsync(HttpClient vendor, string name)
    {
        using var response = await vendor.PostAsJsonAsync("/api/products", new { name, description = "Gear", price = 12.5m, category = "Edge" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (Guid)(await response.ReadJsonAsync())["data"]!["id"]!;
    }

    private static async Task<string> NameAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/products/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.ReadJsonAsync())["data"]!["name"]!;
    }

    private static async Task<IEnumerable<string>> NamesInCategoryAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/products?category=Edge&limit=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["data"]!.AsArray().Select(product => (string)product!["name"]!);
    }
}
