using Marketplace.BuildingBlocks.Messaging;

namespace Marketplace.Orders.IntegrationEvents;

/// <summary>The catalog's events this service consumes (its own copy of the products contract).</summary>
public sealed record ProductUpdated(Guid ProductId, string Name, decimal OldPrice, decimal NewPrice, string Category) : IntegrationEvent;

public sealed record ProductDeleted(Guid ProductId) : IntegrationEvent;
