using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Orders.Infrastructure;

namespace Marketplace.Orders.Carts;

/// <summary>Writes the local view of which products are sold out (see <see cref="Domain.ProductAvailability"/>).</summary>
public sealed class AvailabilityView(OrdersDbContext db)
{
    private const string RecordSql = """
        INSERT INTO product_availability (product_id, sold_out, observed_at) VALUES (@product_id, @sold_out, @observed_at)
        ON CONFLICT (product_id) DO UPDATE SET sold_out = excluded.sold_out, observed_at = excluded.observed_at
        WHERE product_availability.observed_at < excluded.observed_at
        """;

    public Task RecordAsync(Guid productId, bool soldOut, DateTimeOffset observedAt, CancellationToken cancellationToken) =>
        db.ExecuteBatchAsync([SqlRows.Command(RecordSql, ("product_id", productId), ("sold_out", soldOut), ("observed_at", observedAt))], cancellationToken);
}
