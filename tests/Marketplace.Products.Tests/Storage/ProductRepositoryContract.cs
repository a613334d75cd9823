using Marketplace.Products.DemoData;
using Marketplace.Products.Domain;

namespace Marketplace.Products.Tests.Storage;

/// <summary>
/// What every product backend must do alike. Each test works in categories of its own, so tests sharing one store
/// never see each other's products.
/// </summary>
public abstract class ProductRepositoryContract(IProductStoreFixture store)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    private static string NewCategory() => $"category-{Guid.NewGuid():N}";

    private static Product NewProduct(string category, string name = "Trail Shoes", decimal price = 10m, string description = "Light shoes.", int minute = 0) =>
        new(Guid.NewGuid(), name, description, price, category, ["https://img.example/a.jpg", "https://img.example/b.jpg"], Guid.NewGuid(),
            Start.AddMinutes(minute), Start.AddMinutes(minute).AddSeconds(1));

    private async Task<IReadOnlyList<Product>> AddAsync(params Product[] products)
    {
        var repository = store.NewRepository();
        foreach (var product in products)
        {
            await repository.AddAsync(product, CancellationToken.None);
        }

        return products;
    }

    private static string Key(Product product) => product.Id.ToString();

    [Fact]
    public async Task An_added_product_is_found_with_every_field_and_its_ProductCreated_recorded()
    {
        var product = NewProduct(NewCategory(), price: 1234.56m);
        await AddAsync(product);

        var found = await store.NewRepository().FindAsync(product.Id, CancellationToken.None);

        Assert.Equivalent(product, found, strict: true);
        var created = Assert.Single(await store.EventsAsync(product.Id));
        Assert.Equal("ProductCreated", created.Topic);
        Assert.Equal(1234.56m, (decimal)created.Payload["price"]!);
        Assert.Equal(product.UserId.ToString(), (string)created.Payload["ownerId"]!);
        Assert.Equal(product.Category, (string)created.Payload["category"]!);
    }

    [Fact]
    public async Task Finding_an_unknown_id_gives_null()
    {
        Assert.Null(await store.NewRepository().FindAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task Finding_many_gives_the_products_that_exist_among_the_ids()
    {
        var category = NewCategory();
        var products = await AddAsync(NewProduct(category), NewProduct(category, name: "Rain Jacket"));

        var found = await store.NewRepository().FindManyAsync([products[0].Id, Guid.NewGuid(), products[1].Id], CancellationToken.None);

        Assert.Equal(products.Select(Key).Order(), found.Select(Key).Order());
        Assert.Equal(products.Single(p => p.Name == "Rain Jacket").Price, found.Single(p => p.Name == "Rain Jacket").Price);
    }

    [Fact]
    public async Task Listing_filters_by_category_and_inclusive_price_range_and_counts_the_total()
    {
        var category = NewCategory();
        var products = await AddAsync([.. new[] { 5m, 10m, 15m, 20m, 25m }.Select(price => NewProduct(category, price: price))]);
        await AddAsync(NewProduct(NewCategory(), price: 15m));

        var page = await store.NewRepository().ListAsync(new ProductQuery(Category: category, MinPrice: 10m, MaxPrice: 20m), CancellationToken.None);

        Assert.Equal(3, page.Total);
        Assert.Equal(products.Where(p => p.Price is >= 10m and <= 20m).Select(Key).Order(), page.Items.Select(Key).Order());
    }

    [Theory]
    [InlineData(ProductSort.PriceAscending)]
    [InlineData(ProductSort.PriceDescending)]
    [InlineData(ProductSort.OldestFirst)]
    [InlineData(ProductSort.NewestFirst)]
    [InlineData(ProductSort.Name)]
    public async Task Listing_sorts_and_pages_in_every_order_breaking_ties_by_id(ProductSort sort)
    {
        var category = NewCategory();
        var products = await AddAsync(
            NewProduct(category, "banana", 30m, minute: 3),
            NewProduct(category, "Apple", 10m, minute: 1),
            NewProduct(category, "cherry", 20m, minute: 5),
            NewProduct(category, "apple", 20m, minute: 5),
            NewProduct(category, "Date", 5m, minute: 2));
        var expected = (sort switch
        {
            ProductSort.PriceAscending => products.OrderBy(p => p.Price).ThenBy(Key, StringComparer.Ordinal),
            ProductSort.PriceDescending => products.OrderByDescending(p => p.Price).ThenByDescending(Key, StringComparer.Ordinal),
            ProductSort.OldestFirst => products.OrderBy(p => p.CreatedAt).ThenBy(Key, StringComparer.Ordinal),
            ProductSort.NewestFirst => products.OrderByDescending(p => p.CreatedAt).ThenByDescending(Key, StringComparer.Ordinal),
            _ => products.OrderBy(p => p.Name.ToLowerInvariant(), StringComparer.Ordinal).ThenBy(Key, StringComparer.Ordinal),
        }).Select(Key);
        var repository = store.NewRepository();

        var pages = new List<ProductPage>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await repository.ListAsync(new ProductQuery(page, 2, category, Sort: sort), CancellationToken.None));
        }

        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(Key));
        Assert.All(pages, page => Assert.Equal(5, page.Total));
    }

    [Theory]
    [InlineData("WIRE", new[] { 0, 1, 2 })]
    [InlineData("head blue", new[] { 0 })]
    [InlineData("phone", new[] { 2 })]
    [InlineData("ear", new[] { 0 })]
    [InlineData("usb wireless", new int[0])]
    public async Task Search_requires_every_word_as_a_word_prefix_in_name_or_description_ignoring_case(string q, int[] matches)
    {
        var category = NewCategory();
        var products = await AddAsync(
            NewProduct(category, "Wireless Headphones", description: "Bluetooth over-ear."),
            NewProduct(category, "Wired Headset", description: "USB."),
            NewProduct(category, "Phone Case", description: "Fits WIRELESS chargers."));

        var page = await store.NewRepository().ListAsync(new ProductQuery(Category: category, SearchTerms: SearchTerms.Of(q)), CancellationToken.None);

        Assert.Equal(matches.Select(i => Key(products[i])).Order(), page.Items.Select(Key).Order());
        Assert.Equal(matches.Length, page.Total);
    }

    [Fact]
    public async Task A_page_beyond_the_end_is_empty_but_counts_the_total()
    {
        var category = NewCategory();
        await AddAsync(NewProduct(category), NewProduct(category), NewProduct(category));

        var page = await store.NewRepository().ListAsync(new ProductQuery(3, 2, category), CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.Equal(3, page.Total);
    }

    [Fact]
    public async Task Categories_count_the_products_of_each()
    {
        var (first, second) = (NewCategory(), NewCategory());
        await AddAsync(NewProduct(first), NewProduct(second), NewProduct(first));

        var categories = await store.NewRepository().CategoriesAsync(CancellationToken.None);

        Assert.Contains(new CategoryCount(first, 2), categories);
        Assert.Contains(new CategoryCount(second, 1), categories);
        Assert.Equal(categories.Select(c => c.Category).Order(StringComparer.Ordinal), categories.Select(c => c.Category));
    }

    [Fact]
    public async Task Update_applies_the_change_and_records_the_old_and_new_price()
    {
        var product = NewProduct(NewCategory(), price: 40m);
        await AddAsync(product);

        var updated = await store.NewRepository().UpdateAsync(product.Id, p => p with { Name = "Renamed", Price = 35.5m }, CancellationToken.None);

        Assert.Equal("Renamed", updated!.Name);
        Assert.Equivalent(updated, await store.NewRepository().FindAsync(product.Id, CancellationToken.None), strict: true);
        var recorded = Assert.Single(await store.EventsAsync(product.Id), e => e.Topic == "ProductUpdated");
        Assert.Equal(40m, (decimal)recorded.Payload["oldPrice"]!);
        Assert.Equal(35.5m, (decimal)recorded.Payload["newPrice"]!);
        Assert.Equal("Renamed", (string)recorded.Payload["name"]!);
    }

    [Fact]
    public async Task Updating_or_deleting_an_unknown_product_changes_and_records_nothing()
    {
        var id = Guid.NewGuid();
        var repository = store.NewRepository();

        Assert.Null(await repository.UpdateAsync(id, p => p with { Price = 1m }, CancellationToken.None));
        Assert.False(await repository.DeleteAsync(id, CancellationToken.None));
        Assert.Empty(await store.EventsAsync(id));
    }

    [Fact]
    public async Task Delete_removes_the_product_and_records_ProductDeleted_once()
    {
        var product = NewProduct(NewCategory());
        await AddAsync(product);
        var repository = store.NewRepository();

        Assert.True(await repository.DeleteAsync(product.Id, CancellationToken.None));
        Assert.False(await repository.DeleteAsync(product.Id, CancellationToken.None));

        Assert.Null(await repository.FindAsync(product.Id, CancellationToken.None));
        Assert.Single(await store.EventsAsync(product.Id), e => e.Topic == "ProductDeleted");
    }

    [Fact]
    public async Task A_bulk_load_stores_every_product_with_its_ProductCreated()
    {
        var category = NewCategory();
        var products = GeneratedCatalog.Products(50).Select(p => p with { Id = Guid.NewGuid(), Category = category }).ToList();
        var repository = store.NewRepository();
        var before = await repository.CountAsync(CancellationToken.None);

        await repository.AddManyAsync(products, CancellationToken.None);

        Assert.Equal(before + 50, await repository.CountAsync(CancellationToken.None));
        Assert.Equal(50, (await repository.ListAsync(new ProductQuery(Category: category), CancellationToken.None)).Total);
        Assert.Equivalent(products[7], await repository.FindAsync(products[7].Id, CancellationToken.None), strict: true);
        Assert.Equal("ProductCreated", Assert.Single(await store.EventsAsync(products[42].Id)).Topic);
    }

    [Fact]
    public async Task Concurrent_updates_of_one_product_lose_nothing()
    {
        var product = NewProduct(NewCategory(), price: 100m);
        await AddAsync(product);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            store.NewRepository().UpdateAsync(product.Id, p => p with { Price = p.Price + 1m }, CancellationToken.None))));

        Assert.Equal(108m, (await store.NewRepository().FindAsync(product.Id, CancellationToken.None))!.Price);
        var newPrices = (await store.EventsAsync(product.Id)).Where(e => e.Topic == "ProductUpdated").Select(e => (decimal)e.Payload["newPrice"]!);
        Assert.Equal(Enumerable.Range(101, 8).Select(p => (decimal)p), newPrices.Order());
    }
}

public sealed class PostgresProductRepositoryTests(PostgresStoreFixture store) : ProductRepositoryContract(store), IClassFixture<PostgresStoreFixture>;

public sealed class MongoProductRepositoryTests(MongoStoreFixture store) : ProductRepositoryContract(store), IClassFixture<MongoStoreFixture>;
