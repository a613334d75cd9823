using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Marketplace.Products.DemoData;
using Marketplace.Products.Domain;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

/// <summary>Reads of the seeded demo catalog, checked against the same catalog filtered and sorted in memory.</summary>
public sealed class ProductListTests(DemoCatalogFixture fixture) : IClassFixture<DemoCatalogFixture>
{
    private static readonly IReadOnlyList<Product> Catalog = DemoCatalog.OfSize(DemoCatalogFixture.Size);
    private static readonly Guid Headphones = Guid.Parse("00000000-0000-7000-8001-000000000001");

    private async Task<JsonNode> ListAsync(string query)
    {
        using var client = fixture.CreateClient();
        var response = await client.GetAsync($"/api/products?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True((bool)body["success"]!);
        return body;
    }

    private static List<string> Ids(JsonNode body) => body["data"]!.AsArray().Select(p => (string)p!["id"]!).ToList();

    /// <summary>uuid order as both backends compare them: byte by byte, which for the canonical text is ordinal order.</summary>
    private static string Key(Product product) => product.Id.ToString();

    /// <summary>The default order.</summary>
    private static IEnumerable<Product> NewestFirst(IEnumerable<Product> products) =>
        products.OrderByDescending(p => p.CreatedAt).ThenByDescending(Key, StringComparer.Ordinal);

    [Fact]
    public async Task The_default_page_is_the_20_newest_with_the_totals()
    {
        var body = await ListAsync("");

        var pagination = body["pagination"]!;
        Assert.Equal(1, (int)pagination["page"]!);
        Assert.Equal(20, (int)pagination["limit"]!);
        Assert.Equal(DemoCatalogFixture.Size, (int)pagination["total"]!);
        Assert.Equal(15, (int)pagination["totalPages"]!);
        var expected = NewestFirst(Catalog).Take(20).Select(Key);
        Assert.Equal(expected, Ids(body));
    }

    [Fact]
    public async Task Pages_cover_the_catalog_without_gaps_or_repeats()
    {
        var ids = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            ids.AddRange(Ids(await ListAsync($"page={page}&limit=100")));
        }

        var beyond = await ListAsync("page=4&limit=100");

        Assert.Equal(Catalog.Select(Key).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Empty(beyond["data"]!.AsArray());
        Assert.Equal(DemoCatalogFixture.Size, (int)beyond["pagination"]!["total"]!);
        Assert.Equal(3, (int)beyond["pagination"]!["totalPages"]!);
    }

    [Theory]
    [InlineData("Books", null, null)]
    [InlineData(null, "100", null)]
    [InlineData(null, null, "50")]
    [InlineData("Electronics", "100", "500")]
    [InlineData(null, "249.99", "249.99")]
    [InlineData("No Such Category", null, null)]
    public async Task Filters_select_exactly_the_matching_products(string? category, string? minPrice, string? maxPrice)
    {
        var min = minPrice is null ? (decimal?)null : decimal.Parse(minPrice, CultureInfo.InvariantCulture);
        var max = maxPrice is null ? (decimal?)null : decimal.Parse(maxPrice, CultureInfo.InvariantCulture);
        var expected = NewestFirst(Catalog.Where(p => (category is null || p.Category == category) && (min is null || p.Price >= min) && (max is null || p.Price <= max)))
            .Select(Key).ToList();
        var query = string.Join('&', new[] { ("category", category), ("minPrice", minPrice), ("maxPrice", maxPrice) }
            .Where(parameter => parameter.Item2 is not null).Select(parameter => $"{parameter.Item1}={Uri.EscapeDataString(parameter.Item2!)}"));

        var body = await ListAsync(query + "&limit=100");

        Assert.Equal(expected.Count, (int)body["pagination"]!["total"]!);
        Assert.Equal(expected.Take(100).Order(StringComparer.Ordinal), Ids(body).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> Sorts => ["price", "-price", "createdAt", "-createdAt", "name"];

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Each_sort_orders_the_whole_catalog(string sort)
    {
        IEnumerable<Product> expected = sort switch
        {
            "price" => Catalog.OrderBy(p => p.Price).ThenBy(Key, StringComparer.Ordinal),
            "-price" => Catalog.OrderByDescending(p => p.Price).ThenByDescending(Key, StringComparer.Ordinal),
            "createdAt" => Catalog.OrderBy(p => p.CreatedAt).ThenBy(Key, StringComparer.Ordinal),
            "-createdAt" => NewestFirst(Catalog),
            _ => Catalog.OrderBy(p => p.Name.ToLowerInvariant(), StringComparer.Ordinal).ThenBy(Key, StringComparer.Ordinal),
        };

        var second = await ListAsync($"sort={sort}&page=2&limit=100");

        Assert.Equal(expected.Skip(100).Take(100).Select(Key), Ids(second));
    }

    /// <summary>The search oracle: every query word starts a word of the name or the description, ignoring case.</summary>
    private static List<string> Matching(string q, Func<Product, bool>? filter = null) =>
        Catalog.Where(p => (filter is null || filter(p)) && q.Split(' ').All(word =>
                Regex.IsMatch(p.Name + " " + p.Description, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}", RegexOptions.IgnoreCase)))
            .Select(Key).Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("HEADPHONES")]
    [InlineData("bluetooth")]
    [InlineData("noise cancel")]
    [InlineData("Wireless Head")]
    [InlineData("vintage")]
    [InlineData("zzzzz")]
    public async Task Search_matches_word_prefixes_in_name_and_description_ignoring_case(string q)
    {
        var body = await ListAsync($"q={Uri.EscapeDataString(q)}&limit=100");

        var expected = Matching(q);
        Assert.Equal(expected.Count, (int)body["pagination"]!["total"]!);
        Assert.Equal(expected.Take(100), Ids(body).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_finds_a_word_of_the_description_and_combines_with_filters()
    {
        var headphones = await ListAsync("q=cancellation");
        var books = await ListAsync("q=model%20range&category=Books&maxPrice=500&limit=100");

        Assert.Contains(Headphones.ToString(), Ids(headphones));
        var expected = Matching("model range", p => p.Category == "Books" && p.Price <= 500);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, (int)books["pagination"]!["total"]!);
        Assert.Equal(expected, Ids(books).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page=1.5", "page")]
    [InlineData("page=1&page=2", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("minPrice=-1", "minPrice")]
    [InlineData("minPrice=abc", "minPrice")]
    [InlineData("minPrice=1000000", "minPrice")]
    [InlineData("maxPrice=1e3", "maxPrice")]
    [InlineData("minPrice=10&maxPrice=5", "maxPrice")]
    [InlineData("sort=popularity", "sort")]
    [InlineData("sort=-name", "sort")]
    [InlineData("category=Books%00", "category")]
    [InlineData("q=a%20b%20c%20d%20e%20f%20g%20h%20i%20j%20k", "q")]
    public async Task Malformed_or_out_of_range_parameters_give_400_with_the_field(string query, string field)
    {
        using var client = fixture.CreateClient();

        var response = await client.GetAsync($"/api/products?{query}");

        await ProblemAssertions.AssertFieldErrorsAsync(response, field);
    }

    [Fact]
    public async Task A_too_long_search_or_category_gives_400()
    {
        using var client = fixture.CreateClient();

        var search = await client.GetAsync($"/api/products?q={new string('x', 201)}");
        var category = await client.GetAsync($"/api/products?category={new string('x', 101)}");

        await ProblemAssertions.AssertFieldErrorsAsync(search, "q");
        await ProblemAssertions.AssertFieldErrorsAsync(category, "category");
    }

    [Fact]
    public async Task Categories_lists_every_category_with_its_product_count()
    {
        using var client = fixture.CreateClient();

        var body = await (await client.GetAsync("/api/products/categories")).ReadJsonAsync();

        var expected = Catalog.GroupBy(p => p.Category).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}");
        Assert.True((bool)body["success"]!);
        Assert.Equal(expected, body["data"]!.AsArray().Select(c => $"{(string)c!["category"]!}={(int)c["count"]!}"));
    }

    [Fact]
    public async Task Get_by_id_returns_the_product()
    {
        using var client = fixture.CreateClient();

        var response = await client.GetAsync($"/api/products/{Headphones}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await response.ReadJsonAsync())["data"]!;
        var expected = Catalog.Single(p => p.Id == Headphones);
        Assert.Equal(expected.Name, (string)data["name"]!);
        Assert.Equal(expected.Description, (string)data["description"]!);
        Assert.Equal(249.99m, (decimal)data["price"]!);
        Assert.Equal(expected.Category, (string)data["category"]!);
        Assert.Equal(expected.Images, data["images"]!.AsArray().Select(i => (string)i!));
        Assert.Equal(DemoCatalog.DemoVendorId.ToString(), (string)data["userId"]!);
        Assert.Equal(expected.CreatedAt, (DateTimeOffset)data["createdAt"]!);
    }

    [Fact]
    public async Task Get_of_an_unknown_id_gives_404_and_of_a_malformed_id_400()
    {
        using var client = fixture.CreateClient();

        var unknown = await client.GetAsync($"/api/products/{Guid.NewGuid()}");
        var malformed = await client.GetAsync("/api/products/12345");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False((bool)(await unknown.ReadJsonAsync())["success"]!);
        await ProblemAssertions.AssertFieldErrorsAsync(malformed, "id");
    }
}
