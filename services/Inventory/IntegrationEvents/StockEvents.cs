using Marketplace.BuildingBlocks.Messaging;

namespace Marketplace.Inventory.IntegrationEvents;

public sealed record StockLow(Guid ProductId, int Quantity, int LowStockThreshold) : IntegrationEvent;

public sealed record StockReplenished(Guid ProductId, int Quantity, int LowStockThreshold) : IntegrationEvent;
