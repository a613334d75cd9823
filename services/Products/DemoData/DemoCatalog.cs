using System.Text.Json;
using Marketplace.Products.Domain;
using Marketplace.Products.Extensions;
using Marketplace.Products.Storage;
using Microsoft.Extensions.Options;

namespace Marketplace.Products.DemoData;

/// <summary>
/// The demo catalog: the curated products of DemoData/catalog.json (fixed ids other services' demo data can refer to),
/// topped up with generated products up to <see cref="ProductsOptions.SeedDemoCatalogSize"/>, all owned by the demo vendor.
/// </summary>
public static class DemoCatalog
{
    public static readonly Guid DemoVendorId = Guid.Parse("00000000-0000-7000-8000-00000000d3e0");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "DemoData", "catalog.json");

    public static IReadOnlyList<Product> Curated()
    {
        using var stream = File.OpenRead(FilePath);
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, Json)
            ?? throw new InvalidOperationException("The demo catalog is empty.");
        return file.Products
            .Select(p => new Product(p.Id, p.Name, p.Description, p.Price, p.Category, p.Images, file.OwnerId, p.CreatedAt, p.CreatedAt))
            .ToList();
    }

    /// <summary>The curated products, then generated ones until there are <paramref name="size"/>.</summary>
    public static IReadOnlyList<Product> OfSize(int size)
    {
        var curated = Curated();
        return [.. curated, .. GeneratedCatalog.Products(size - curated.Count)];
    }

    /// <summary>Loads the demo catalog, each product with its ProductCreated event, when enabled and the catalog is empty.</summary>
    public static async Task SeedDemoCatalogAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ProductsOptions>>().Value;
        if (!options.SeedDemoCatalog)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<IProductRepository>();
        var cancellationToken = app.Lifetime.ApplicationStopping;
        if (await repository.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var products = OfSize(options.SeedDemoCatalogSize);
        await repository.AddManyAsync(products, cancellationToken);
        app.Logger.LogInformation("Loaded the demo catalog: {Count} products", products.Count);
    }

    private sealed record CatalogFile(Guid OwnerId, IReadOnlyList<CatalogProduct> Products);

    private sealed record CatalogProduct(Guid Id, string Name, string Description, decimal Price, string Category, IReadOnlyList<string> Images, DateTimeOffset CreatedAt);
}
