using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Inventory.Domain;
using Marketplace.Inventory.IntegrationEvents;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Inventory.Stock;

public static class StockAlerts
{
    /// <summary>
    /// Queues <c>StockLow</c> when a product falls below its threshold and <c>StockReplenished</c> when it is back at or above it,
    /// once per crossing. Call after every change of quantity or threshold, before SaveChanges.
    /// </summary>
    public static void AfterStockChange(this DbContext db, InventoryItem item)
    {
        if (item.Discontinued || item.IsLowStock == item.LowStockAlerted)
        {
            return;
        }

        item.LowStockAlerted = item.IsLowStock;
        if (item.IsLowStock)
        {
            db.AddEvent(new StockLow(item.ProductId, item.Quantity, item.LowStockThreshold));
        }
        else
        {
            db.AddEvent(new StockReplenished(item.ProductId, item.Quantity, item.LowStockThreshold));
        }
    }
}
