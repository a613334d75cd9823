namespace Marketplace.Products.Extensions;

/// <summary>Settings under <c>Marketplace:Products</c>.</summary>
public sealed class ProductsOptions
{
    public const string Section = "Marketplace:Products";

    /// <summary>Load the demo catalog at start-up when the catalog is empty (./run.sh sets it; never in production).</summary>
    public bool SeedDemoCatalog { get; set; }

    /// <summary>
    /// How many products the demo catalog holds: the curated ones, topped up with deterministically generated products
    /// (e.g. 10000 for benchmarks). Below the curated count, only the curated products are loaded.
    /// </summary>
    public int SeedDemoCatalogSize { get; set; }

    /// <summary>
    /// How long an instance serves a catalog read from its output cache unless a write evicts it first (zero turns the
    /// cache off); the longest a read can stay stale when an eviction message is lost.
    /// </summary>
    public TimeSpan CatalogCacheDuration { get; set; } = TimeSpan.FromSeconds(60);
}
