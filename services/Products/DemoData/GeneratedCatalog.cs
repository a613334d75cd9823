using System.Globalization;
using Marketplace.Products.Domain;

namespace Marketplace.Products.DemoData;

/// <summary>
/// Benchmark-sized catalogs: product n is always the same (id, name, price, category, time), so runs compare.
/// Prices and categories are spread by arithmetic, not randomness, and every name is unique.
/// </summary>
public static class GeneratedCatalog
{
    private static readonly DateTimeOffset FirstCreatedAt = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Category, string[] Nouns)[] Kinds =
    [
        ("Electronics", ["Charger", "Headset", "Monitor", "Router", "Webcam", "Tablet"]),
        ("Books", ["Novel", "Cookbook", "Atlas", "Biography", "Anthology", "Guide"]),
        ("Clothing", ["Jacket", "Sweater", "Scarf", "Hoodie", "Shirt", "Raincoat"]),
        ("Home & Kitchen", ["Kettle", "Skillet", "Blender", "Lamp", "Toaster", "Teapot"]),
        ("Sports & Outdoors", ["Backpack", "Tent", "Bottle", "Racket", "Helmet", "Compass"]),
        ("Toys & Games", ["Puzzle", "Kite", "Robot", "Boardgame", "Yoyo", "Blocks"]),
    ];

    private static readonly string[] Adjectives = ["Classic", "Compact", "Deluxe", "Eco", "Modern", "Rugged", "Smart", "Vintage"];

    public static IEnumerable<Product> Products(int count)
    {
        for (var n = 1; n <= count; n++)
        {
            yield return Nth(n);
        }
    }

    public static Product Nth(int n)
    {
        var (category, nouns) = Kinds[n % Kinds.Length];
        var noun = nouns[n / Kinds.Length % nouns.Length];
        var adjective = Adjectives[n / (Kinds.Length * nouns.Length) % Adjectives.Length];
        var name = $"{adjective} {noun} {n.ToString(CultureInfo.InvariantCulture)}";
        var price = (199 + n * 7919L % 99_800) / 100m;
        var createdAt = FirstCreatedAt.AddMinutes(n);
        return new Product(
            Guid.Parse($"00000000-0000-7000-8002-{n:x12}"),
            name,
            $"The {adjective.ToLowerInvariant()} {noun.ToLowerInvariant()} of our {category.ToLowerInvariant()} range, model {n.ToString(CultureInfo.InvariantCulture)}.",
            price,
            category,
            [$"https://images.marketplace.example/generated/{n.ToString(CultureInfo.InvariantCulture)}.jpg"],
            DemoCatalog.DemoVendorId,
            createdAt,
            createdAt);
    }
}
