using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Products.Domain;

namespace Marketplace.Products.IntegrationEvents;

public sealed record ProductCreated(Guid ProductId, string Name, decimal Price, string Category, Guid OwnerId) : IntegrationEvent
{
    public static ProductCreated Of(Product product) => new(product.Id, product.Name, product.Price, product.Category, product.UserId);
}

/// <summary>Every change; <see cref="OldPrice"/> and <see cref="NewPrice"/> differ when the price changed.</summary>
public sealed record ProductUpdated(Guid ProductId, string Name, decimal OldPrice, decimal NewPrice, string Category) : IntegrationEvent
{
    public static ProductUpdated Of(Product before, Product after) => new(after.Id, after.Name, before.Price, after.Price, after.Category);
}

public sealed record ProductDeleted(Guid ProductId) : IntegrationEvent;
