using Marketplace.BuildingBlocks.Messaging;

namespace Marketplace.Products.IntegrationEvents;

public sealed record ProductCreated(Guid ProductId, string Name, decimal Price, string Category, Guid OwnerId) : IntegrationEvent;

/// <summary>Every change; <see cref="OldPrice"/> and <see cref="NewPrice"/> differ when the price changed.</summary>
public sealed record ProductUpdated(Guid ProductId, string Name, decimal OldPrice, decimal NewPrice, string Category) : IntegrationEvent;

public sealed record ProductDeleted(Guid ProductId) : IntegrationEvent;
