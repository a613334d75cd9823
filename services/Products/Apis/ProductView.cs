using Marketplace.Products.Domain;

namespace Marketplace.Products.Apis;

public sealed record ProductView(
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
    public static ProductView Of(Product p) => new(p.Id, p.Name, p.Description, p.Price, p.Category, p.Images, p.UserId, p.CreatedAt, p.UpdatedAt);
}

public sealed record CategoryView(string Category, long Count);

public sealed record DeletedView(Guid Id);
