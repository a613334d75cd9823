using System.Text.Json;
using Marketplace.Products.Domain;
using Marketplace.Products.IntegrationEvents;
using Marketplace.Products.Storage;

namespace Marketplace.Products.DemoData;

/// <summary>The demo catalog: a few dozen products of the demo vendor, with fixed ids other services' demo data can refer to.</summary>
public static class DemoCatalog
{
    /// <summary>Load DemoData/catalog.json at start-up when the catalog is empty (set by run.sh, never in production).</summary>
    public const string SeedSetting = "Marketplace:Products:SeedDemoCatalog";

    public static readonly Guid DemoVendorId = Guid.Parse("00000000-0000-7000-8000-00000000d3e0");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "DemoData", "catalog.json");

    public static IReadOnlyList<Product> Load()
    {
        using var stream = File.OpenRead(FilePath);
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, Json)
            ?? throw new InvalidOperationException("The demo catalog is empty.");
        return file.Products
            .Select(p => new Product(p.Id, p.Name, p.Description, p.Price, p.Category, p.Images, file.OwnerId, p.CreatedAt, p.CreatedAt))
            .ToList();
    }

    /// <summary>Adds the demo products, each with its ProductCreated event, when the catalog holds no product yet.</summary>
    public static async Task SeedDemoCatalogAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(SeedSetting))
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

        var products = Load();
        foreach (var product in products)
        {
            await repository.AddAsync(product, new ProductCreated(product.Id, product.Name, product.Price, product.Category, product.UserId), cancellationToken);
        }

        app.Logger.LogInformation("Loaded the demo catalog: {Count} products", products.Count);
    }

    private sealed record CatalogFile(Guid OwnerId, IReadOnlyList<CatalogProduct> Products);

    private sealed record CatalogProduct(Guid Id, string Name, string Description, decimal Price, string Category, IReadOnlyList<string> Images, DateTimeOffset CreatedAt);
}
