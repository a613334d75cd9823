using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Inventory.Domain;
using Marketplace.Inventory.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Inventory.Stock;

/// <summary>Stock records: restocking and following the catalog's product lifecycle.</summary>
public sealed class StockLedger(InventoryDbContext db, OutboxSignal signal, TimeProvider clock)
{
    /// <summary>Upper bound of what one product's stock may hold, far inside the range of the integer columns.</summary>
    public const int MaxStock = 1_000_000_000;

    /// <summary>Adds stock, creating the record when missing; null when the product's stock would exceed <see cref="MaxStock"/>.</summary>
    public async Task<InventoryItem?> AddAsync(Guid productId, int quantity, int? lowStockThreshold, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EnsureRecordAsync(productId, lowStockThreshold ?? InventoryItem.DefaultLowStockThreshold, discontinued: false, cancellationToken);
        var item = (await db.LockStockAsync([productId], cancellationToken))[productId];
        if ((long)item.Quantity + item.Reserved + quantity > MaxStock)
        {
            return null;
        }

        item.Quantity += quantity;
        item.LowStockThreshold = lowStockThreshold ?? item.LowStockThreshold;
        item.LastUpdated = clock.GetUtcNow();
        var writes = new StockWrites();
        writes.SaveStock(item);
        await writes.CommitAsync(db, transaction, signal, cancellationToken);
        return item;
    }

    /// <summary>A new catalog product starts with no stock (and counts as low on stock, without an alert).</summary>
    public Task ProductCreatedAsync(Guid productId, CancellationToken cancellationToken) =>
        EnsureRecordAsync(productId, InventoryItem.DefaultLowStockThreshold, discontinued: false, cancellationToken);

    /// <summary>A deleted product takes no new reservations; reservations already made can still be committed or released.</summary>
    public async Task ProductDeletedAsync(Guid productId, CancellationToken cancellationToken)
    {
        await EnsureRecordAsync(productId, InventoryItem.DefaultLowStockThreshold, discontinued: true, cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE inventories SET discontinued = true, last_updated = {clock.GetUtcNow()} WHERE product_id = {productId}", cancellationToken);
    }

    private Task EnsureRecordAsync(Guid productId, int lowStockThreshold, bool discontinued, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO inventories (id, product_id, quantity, reserved, low_stock_threshold, low_stock_alerted, discontinued, last_updated)
            VALUES ({Guid.CreateVersion7()}, {productId}, 0, 0, {lowStockThreshold}, {lowStockThreshold > 0}, {discontinued}, {clock.GetUtcNow()})
            ON CONFLICT (product_id) DO NOTHING
            """, cancellationToken);
}
