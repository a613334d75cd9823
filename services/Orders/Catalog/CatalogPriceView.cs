using Marketplace.Orders.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Orders.Catalog;

/// <summary>
/// Writes the local view of catalog prices. Observations can arrive out of order (events are redelivered, a read can
/// overtake an event), so each write only lands when it is newer than what the row already holds.
/// </summary>
public sealed class CatalogPriceView(OrdersDbContext db)
{
    private const string RecordPriceSql = """
        INSERT INTO catalog_prices (product_id, price, deleted, observed_at) VALUES (@product_id, @price, false, @observed_at)
        ON CONFLICT (product_id) DO UPDATE SET price = excluded.price, deleted = false, observed_at = excluded.observed_at
        WHERE catalog_prices.observed_at < excluded.observed_at
        """;

    /// <summary>The price write as a command, for a caller that sends it in a batch with its own statements.</summary>
    public static NpgsqlBatchCommand RecordPriceCommand(Guid productId, decimal price, DateTimeOffset observedAt)
    {
        var command = new NpgsqlBatchCommand(RecordPriceSql);
        command.Parameters.AddRange(PriceParameters(productId, price, observedAt));
        return command;
    }

    public async Task RecordPriceAsync(Guid productId, decimal price, DateTimeOffset observedAt, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(RecordPriceSql, PriceParameters(productId, price, observedAt), cancellationToken);

    public async Task RecordDeletionAsync(Guid productId, DateTimeOffset observedAt, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO catalog_prices (product_id, price, deleted, observed_at) VALUES ({productId}, 0, true, {observedAt})
            ON CONFLICT (product_id) DO UPDATE SET deleted = true, observed_at = excluded.observed_at
            WHERE catalog_prices.observed_at < excluded.observed_at
            """,
            cancellationToken);

    private static NpgsqlParameter[] PriceParameters(Guid productId, decimal price, DateTimeOffset observedAt) =>
        [new("product_id", productId), new("price", price), new("observed_at", observedAt)];
}
