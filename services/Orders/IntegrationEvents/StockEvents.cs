using Marketplace.BuildingBlocks.Messaging;

namespace Marketplace.Orders.IntegrationEvents;

/// <summary>Inventory's availability events this service consumes (its own copy of the inventory contract).</summary>
public sealed record ProductSoldOut(Guid ProductId) : IntegrationEvent;

public sealed record ProductBackInStock(Guid ProductId, int Quantity) : IntegrationEvent;
