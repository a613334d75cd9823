using Marketplace.Orders.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Catalog;

/// <summary>
/// Writes the local view of catalog prices. Observations can arrive out of order (events are redelivered, a read can
/// overtake an event), so each write only lands when it is newer than what the row already holds.
/// </summary>
public sealed class CatalogPriceView(OrdersDbContext db)
{
    public async Task RecordPriceAsync(Guid productId, decimal price, DateTimeOffset observedAt, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO catalog_prices (product_id, price, deleted, observed_at) VALUES ({productId}, {price}, false, {observedAt})
            ON CONFLICT (product_id) DO UPDATE SET price = excluded.price, deleted = false, observed_at = excluded.observed_at
            WHERE catalog_prices.observed_at < excluded.observed_at
            """,
            cancellationToken);

    public async Task RecordDeletionAsync(Guid productId, DateTimeOffset observedAt, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO catalog_prices (product_id, price, deleted, observed_at) VALUES ({productId}, 0, true, {observedAt})
            ON CONFLICT (product_id) DO UPDATE SET deleted = true, observed_at = excluded.observed_at
            WHERE catalog_prices.observed_at < excluded.observed_at
            """,
            cancellationToken);
}
