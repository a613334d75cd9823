using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Inventory.Domain;
using Npgsql;

namespace Marketplace.Inventory.Infrastructure;

/// <summary>
/// Stock and reservation rows as SQL commands and the readers of their result sets: the stock paths read what they
/// lock and write back exactly what they changed, without EF Core's query and change-tracking pipeline.
/// </summary>
public static class InventoryRows
{
    private const string ItemColumns = "id, product_id, quantity, reserved, low_stock_threshold, low_stock_alerted, discontinued, last_updated, sold_out_announced";

    private const string LowStockCondition = "NOT discontinued AND quantity < low_stock_threshold";

    private const string SaveStockSql = """
        UPDATE inventories SET quantity = @quantity, reserved = @reserved, low_stock_threshold = @low_stock_threshold,
                               low_stock_alerted = @low_stock_alerted, sold_out_announced = @sold_out_announced, last_updated = @last_updated
        WHERE id = @id
        """;

    /// <summary>Locks the stock rows of the products, always in product id order so that two transactions never deadlock.</summary>
    public static NpgsqlBatchCommand LockStock(Guid[] productIds) =>
        SqlRows.Command($"SELECT {ItemColumns} FROM inventories WHERE product_id = ANY(@product_ids) ORDER BY product_id FOR UPDATE", ("product_ids", productIds));

    /// <summary>Locks the stock rows of the reservations' products, in product id order.</summary>
    public static NpgsqlBatchCommand LockStockOf(Guid[] reservationIds) =>
        SqlRows.Command(
            $"""
            SELECT {ItemColumns} FROM inventories
            WHERE product_id IN (SELECT product_id FROM reservation_items WHERE reservation_id = ANY(@reservation_ids))
            ORDER BY product_id FOR UPDATE
            """,
            ("reservation_ids", reservationIds));

    /// <summary>Claims the reservation ids that are new (in id order) and returns them; an id taken already is left as it is.</summary>
    public static NpgsqlBatchCommand ClaimReservations(Guid[] reservationIds, DateTimeOffset now) =>
        SqlRows.Command(
            """
            INSERT INTO reservations (id, status, created_at, updated_at)
            SELECT id, @status, @now, @now FROM unnest(@reservation_ids) AS id ORDER BY id
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            ("reservation_ids", reservationIds), ("status", nameof(ReservationStatus.Reserved)), ("now", now));

    /// <summary>Drops claims whose reservation was refused, in the transaction that made them.</summary>
    public static NpgsqlBatchCommand DropClaims(Guid[] reservationIds) =>
        SqlRows.Command("DELETE FROM reservations WHERE id = ANY(@reservation_ids)", ("reservation_ids", reservationIds));

    /// <summary>A product's stock row, unlocked.</summary>
    public static NpgsqlBatchCommand ReadStock(Guid productId) =>
        SqlRows.Command($"SELECT {ItemColumns} FROM inventories WHERE product_id = @product_id", ("product_id", productId));

    /// <summary>How many products on sale are below their threshold, then one page of them, scarcest first: two result sets.</summary>
    public static IEnumerable<NpgsqlBatchCommand> ReadLowStock(int offset, int limit)
    {
        yield return new NpgsqlBatchCommand($"SELECT count(*) FROM inventories WHERE {LowStockCondition}");
        yield return SqlRows.Command(
            $"SELECT {ItemColumns} FROM inventories WHERE {LowStockCondition} ORDER BY quantity, product_id OFFSET @offset LIMIT @limit",
            ("offset", offset), ("limit", limit));
    }

    public static async Task<Dictionary<Guid, InventoryItem>> StockAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        (await ItemsAsync(reader, cancellationToken)).ToDictionary(item => item.ProductId);

    /// <summary>The stock rows of a result set, in its order.</summary>
    public static Task<List<InventoryItem>> ItemsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        reader.ReadAllAsync(
            row => new InventoryItem
            {
                Id = row.GetGuid(0),
                ProductId = row.GetGuid(1),
                Quantity = row.GetInt32(2),
                Reserved = row.GetInt32(3),
                LowStockThreshold = row.GetInt32(4),
                LowStockAlerted = row.GetBoolean(5),
                Discontinued = row.GetBoolean(6),
                LastUpdated = row.GetFieldValue<DateTimeOffset>(7),
                SoldOutAnnounced = row.GetBoolean(8),
            },
            cancellationToken);

    /// <summary>The reservation rows (locked in id order when <paramref name="forUpdate"/>) and their items: two result sets.</summary>
    public static IEnumerable<NpgsqlBatchCommand> ReadReservations(Guid[] reservationIds, bool forUpdate)
    {
        yield return SqlRows.Command(
            $"SELECT id, status, created_at, updated_at FROM reservations WHERE id = ANY(@ids) ORDER BY id{(forUpdate ? " FOR UPDATE" : string.Empty)}",
            ("ids", reservationIds));
        yield return SqlRows.Command(
            "SELECT reservation_id, product_id, quantity FROM reservation_items WHERE reservation_id = ANY(@ids) ORDER BY reservation_id, product_id",
            ("ids", reservationIds));
    }

    /// <summary>The reservations of <see cref="ReadReservations"/> with their items, by id.</summary>
    public static async Task<Dictionary<Guid, Reservation>> ReservationsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var reservations = (await reader.ReadAllAsync(
            row => new Reservation
            {
                Id = row.GetGuid(0),
                Status = Enum.Parse<ReservationStatus>(row.GetString(1)),
                CreatedAt = row.GetFieldValue<DateTimeOffset>(2),
                UpdatedAt = row.GetFieldValue<DateTimeOffset>(3),
            },
            cancellationToken)).ToDictionary(reservation => reservation.Id);
        await reader.NextResultAsync(cancellationToken);
        var items = await reader.ReadAllAsync(
            row => new ReservationItem { ReservationId = row.GetGuid(0), ProductId = row.GetGuid(1), Quantity = row.GetInt32(2) }, cancellationToken);
        foreach (var item in items)
        {
            reservations.GetValueOrDefault(item.ReservationId)?.Items.Add(item);
        }

        return reservations;
    }

    public static NpgsqlBatchCommand SaveStock(InventoryItem item) =>
        SqlRows.Command(
            SaveStockSql,
            ("quantity", item.Quantity), ("reserved", item.Reserved), ("low_stock_threshold", item.LowStockThreshold),
            ("low_stock_alerted", item.LowStockAlerted), ("sold_out_announced", item.SoldOutAnnounced), ("last_updated", item.LastUpdated),
            ("id", item.Id));

    public static NpgsqlBatchCommand InsertReservationItems(IReadOnlyCollection<ReservationItem> items) =>
        SqlRows.Command(
            "INSERT INTO reservation_items (reservation_id, product_id, quantity) SELECT * FROM unnest(@reservation_ids, @product_ids, @quantities)",
            ("reservation_ids", items.Select(item => item.ReservationId).ToArray()), ("product_ids", items.Select(item => item.ProductId).ToArray()),
            ("quantities", items.Select(item => item.Quantity).ToArray()));

    public static NpgsqlBatchCommand SaveReservationStatus(Reservation reservation) =>
        SqlRows.Command(
            "UPDATE reservations SET status = @status, updated_at = @updated_at WHERE id = @id",
            ("status", reservation.Status.ToString()), ("updated_at", reservation.UpdatedAt), ("id", reservation.Id));
}
