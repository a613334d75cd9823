using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Inventory.Domain;
using Marketplace.Inventory.IntegrationEvents;

namespace Marketplace.Inventory.Stock;

public static class StockAlerts
{
    /// <summary>
    /// The outbox rows a change of quantity or threshold raises, once per crossing: <c>StockLow</c> when a product has
    /// fallen below its threshold or <c>StockReplenished</c> when it is back at or above it, and <c>ProductSoldOut</c>
    /// when its last unit went or <c>ProductBackInStock</c> when a sold-out product has stock again. Call after every
    /// such change and store the rows with it; a discontinued product raises none.
    /// </summary>
    public static IEnumerable<OutboxMessage> AfterStockChange(InventoryItem item)
    {
        if (item.Discontinued)
        {
            yield break;
        }

        if (item.IsLowStock != item.LowStockAlerted)
        {
            item.LowStockAlerted = item.IsLowStock;
            yield return item.IsLowStock
                ? OutboxMessage.For(new StockLow(item.ProductId, item.Quantity, item.LowStockThreshold))
                : OutboxMessage.For(new StockReplenished(item.ProductId, item.Quantity, item.LowStockThreshold));
        }

        if (item.IsSoldOut != item.SoldOutAnnounced)
        {
            item.SoldOutAnnounced = item.IsSoldOut;
            yield return item.IsSoldOut
                ? OutboxMessage.For(new ProductSoldOut(item.ProductId))
                : OutboxMessage.For(new ProductBackInStock(item.ProductId, item.Quantity));
        }
    }
}
