using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Inventory.Domain;
using Marketplace.Inventory.IntegrationEvents;

namespace Marketplace.Inventory.Stock;

public static class StockAlerts
{
    /// <summary>
    /// The outbox row of <c>StockLow</c> when a product has fallen below its threshold, or of <c>StockReplenished</c>
    /// when it is back at or above it, once per crossing; null otherwise. Call after every change of quantity or
    /// threshold and store the row with the change.
    /// </summary>
    public static OutboxMessage? AfterStockChange(InventoryItem item)
    {
        if (item.Discontinued || item.IsLowStock == item.LowStockAlerted)
        {
            return null;
        }

        item.LowStockAlerted = item.IsLowStock;
        return item.IsLowStock
            ? OutboxMessage.For(new StockLow(item.ProductId, item.Quantity, item.LowStockThreshold))
            : OutboxMessage.For(new StockReplenished(item.ProductId, item.Quantity, item.LowStockThreshold));
    }
}
