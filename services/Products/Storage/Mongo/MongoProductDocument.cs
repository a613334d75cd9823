using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using Marketplace.Products.Domain;

namespace Marketplace.Products.Storage.Mongo;

/// <summary>
/// A product in the <c>products</c> collection, with seed 003's snake_case field names;
/// <see cref="NameKey"/> and <see cref="SearchTerms"/> serve sorting by name and search.
/// </summary>
internal sealed class MongoProductDocument
{
    [BsonId, BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid Id { get; set; }

    [BsonElement("name")] public string Name { get; set; } = "";
    [BsonElement("name_key")] public string NameKey { get; set; } = "";
    [BsonElement("description")] public string Description { get; set; } = "";

    [BsonElement("price"), BsonRepresentation(BsonType.Decimal128)]
    public decimal Price { get; set; }

    [BsonElement("category")] public string Category { get; set; } = "";
    [BsonElement("images")] public List<string> Images { get; set; } = [];

    [BsonElement("user_id"), BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid UserId { get; set; }

    [BsonElement("created_at"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; set; }

    [BsonElement("updated_at"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime UpdatedAt { get; set; }

    [BsonElement("search_terms")] public List<string> SearchTerms { get; set; } = [];

    public static MongoProductDocument From(Product product) => new()
    {
        Id = product.Id,
        Name = product.Name,
        NameKey = product.Name.ToLowerInvariant(),
        Description = product.Description,
        Price = product.Price,
        Category = product.Category,
        Images = [.. product.Images],
        UserId = product.UserId,
        CreatedAt = product.CreatedAt.UtcDateTime,
        UpdatedAt = product.UpdatedAt.UtcDateTime,
        SearchTerms = [.. Domain.SearchTerms.OfProduct(product.Name, product.Description)],
    };

    public Product ToProduct() => new(
        Id, Name, Description, Price, Category, Images, UserId,
        new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)),
        new DateTimeOffset(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc)));
}
