namespace Marketplace.Products.Domain;

/// <summary>A catalog entry. <see cref="UserId"/> is its owner: the vendor (or admin) who created it.</summary>
public sealed record Product(
    Guid Id,
    string Name,
    string Description,
    decimal Price,
    string Category,
    IReadOnlyList<string> Images,
    Guid UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const int MaxNameLength = 255;
    public const int MaxDescriptionLength = 10_000;
    public const int MaxCategoryLength = 100;
    public const int MaxImages = 10;
    public const int MaxImageUrlLength = 2048;

    /// <summary>Prices are below one million with at most two decimals: decimal(10,2).</summary>
    public const decimal PriceLimit = 1_000_000m;

    /// <summary>Both backends store milliseconds, so timestamps are cut to them before they are stored.</summary>
    public static DateTimeOffset Timestamp(DateTimeOffset now) =>
        new(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    public static bool IsValidPrice(decimal price) => price >= 0 && price < PriceLimit && decimal.Round(price, 2) == price;

    public static bool IsValidImageUrl(string url) =>
        url.Length <= MaxImageUrlLength
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
