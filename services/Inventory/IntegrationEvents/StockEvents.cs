using Marketplace.BuildingBlocks.Messaging;

namespace Marketplace.Inventory.IntegrationEvents;

public sealed record StockLow(Guid ProductId, int Quantity, int LowStockThreshold) : IntegrationEvent;

public sealed record StockReplenished(Guid ProductId, int Quantity, int LowStockThreshold) : IntegrationEvent;

/// <summary>The last units were reserved or sold: nothing of the product is left to buy.</summary>
public sealed record ProductSoldOut(Guid ProductId) : IntegrationEvent;

/// <summary>A sold-out product has stock again (a restock, or a reservation released).</summary>
public sealed record ProductBackInStock(Guid ProductId, int Quantity) : IntegrationEvent;
