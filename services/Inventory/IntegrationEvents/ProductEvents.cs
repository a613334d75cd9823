using Marketplace.BuildingBlocks.Messaging;

namespace Marketplace.Inventory.IntegrationEvents;

/// <summary>Published by the products service; only the fields inventory needs.</summary>
public sealed record ProductCreated(Guid ProductId) : IntegrationEvent;

public sealed record ProductDeleted(Guid ProductId) : IntegrationEvent;
