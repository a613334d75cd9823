namespace Marketplace.Products.Domain;

public enum ProductSort
{
    NewestFirst,
    OldestFirst,
    PriceAscending,
    PriceDescending,
    Name,
}

/// <summary>One page of the catalog: filters, search terms, order and window. Ties are broken by id, in the order's direction.</summary>
public sealed record ProductQuery(
    int Page = 1,
    int Limit = 20,
    string? Category = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    IReadOnlyList<string>? SearchTerms = null,
    ProductSort Sort = ProductSort.NewestFirst)
{
    public int Skip => (Page - 1) * Limit;

    public bool HasSearch => SearchTerms is { Count: > 0 };
}

public sealed record ProductPage(IReadOnlyList<Product> Items, long Total);

public sealed record CategoryCount(string Category, long Count);
