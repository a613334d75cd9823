using System.Globalization;
using System.Text.Json;
using Marketplace.Products.Domain;

namespace Marketplace.Products.Storage.Postgres;

/// <summary>
/// The jsonb body of a product. Timestamps are fixed-width UTC text so that text order is time order
/// (an immutable index expression); <see cref="SearchText"/> holds the search words for the full-text index.
/// </summary>
internal sealed record JsonbProduct(
    Guid Id,
    string Name,
    string Description,
    decimal Price,
    string Category,
    IReadOnlyList<string> Images,
    Guid UserId,
    string CreatedAt,
    string UpdatedAt,
    string SearchText)
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(Product product) => JsonSerializer.Serialize(new JsonbProduct(
        product.Id,
        product.Name,
        product.Description,
        product.Price,
        product.Category,
        product.Images,
        product.UserId,
        Format(product.CreatedAt),
        Format(product.UpdatedAt),
        string.Join(' ', SearchTerms.OfProduct(product.Name, product.Description))), Json);

    public static Product Deserialize(string json)
    {
        var doc = JsonSerializer.Deserialize<JsonbProduct>(json, Json) ?? throw new InvalidOperationException("Empty product document.");
        return new Product(doc.Id, doc.Name, doc.Description, doc.Price, doc.Category, doc.Images, doc.UserId, Parse(doc.CreatedAt), Parse(doc.UpdatedAt));
    }

    private static string Format(DateTimeOffset timestamp) => timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string timestamp) =>
        DateTimeOffset.ParseExact(timestamp, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
