using System.Globalization;
using Marketplace.Products.DemoData;
using Marketplace.Products.Domain;
using Marketplace.Products.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

public sealed class DemoCatalogSeedingTests
{
    private static async Task<int> TotalAfterStartingAsync(string database, string redis, bool seed, int size)
    {
        var settings = TestSettings.For(database, redis);
        settings["Marketplace:EventBus:PubSubName"] = $"pubsub-{Guid.NewGuid():N}";
        settings["Marketplace:Products:SeedDemoCatalog"] = seed ? "true" : "false";
        settings["Marketplace:Products:SeedDemoCatalogSize"] = size.ToString(CultureInfo.InvariantCulture);
        await using var host = new ServiceHost<ProductsDbContext>(settings);
        using var client = host.CreateHttpClient();
        return (int)(await (await client.GetAsync("/api/products")).ReadJsonAsync())["pagination"]!["total"]!;
    }

    [Fact]
    public async Task The_demo_catalog_is_loaded_only_when_enabled_and_only_into_an_empty_catalog()
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("products_seed");
        var redis = (await RedisServer.SharedAsync()).ConnectionString;

        Assert.Equal(0, await TotalAfterStartingAsync(database, redis, seed: false, size: 100));
        Assert.Equal(100, await TotalAfterStartingAsync(database, redis, seed: true, size: 100));
        Assert.Equal(100, await TotalAfterStartingAsync(database, redis, seed: true, size: 500));
    }

    [Fact]
    public void A_generated_catalog_is_deterministic_valid_and_spread_over_the_categories()
    {
        var catalog = DemoCatalog.OfSize(10_000);

        Assert.Equal(10_000, catalog.Count);
        Assert.Equal(catalog.Count, catalog.Select(p => p.Id).Distinct().Count());
        Assert.Equal(catalog.Count, catalog.Select(p => p.Name).Distinct().Count());
        Assert.All(catalog, p =>
        {
            Assert.True(Product.IsValidPrice(p.Price), $"{p.Name}: {p.Price}");
            Assert.InRange(p.Name.Length, 1, Product.MaxNameLength);
            Assert.All(p.Images, url => Assert.True(Product.IsValidImageUrl(url)));
            Assert.Equal(DemoCatalog.DemoVendorId, p.UserId);
        });
        Assert.All(catalog.GroupBy(p => p.Category), category => Assert.InRange(category.Count(), 1_500, 1_800));
        Assert.Equivalent(GeneratedCatalog.Nth(4321), catalog.Single(p => p.Id == GeneratedCatalog.Nth(4321).Id), strict: true);
        Assert.Equal(DemoCatalog.Curated().Count, DemoCatalog.OfSize(1).Count);
    }
}
