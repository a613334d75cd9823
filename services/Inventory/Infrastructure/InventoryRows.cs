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

    /// <summary>Locks the stock rows of a reservation's products, in product id order.</summary>
    public static NpgsqlBatchCommand LockStockOf(Guid reservationId) =>
        SqlRows.Command(
            $"""
            SELECT {ItemColumns} FROM inventories
            WHERE product_id IN (SELECT product_id FROM reservation_items WHERE reservation_id = @reservation_id)
            ORDER BY product_id FOR UPDATE
            """,
            ("reservation_id", reservationId));

    /// <summary>
    /// Claims a new reservation id and locks the stock rows of its products (in product id order) in one statement.
    /// No rows come back when the id was taken already, or when none of the products has stock.
    /// </summary>
    public static NpgsqlBatchCommand ClaimAndLockStock(Guid reservationId, Guid[] productIds, DateTimeOffset now) =>
        SqlRows.Command(
            $"""
            WITH claimed AS (
                INSERT INTO reservations (id, status, created_at, updated_at) VALUES (@reservation_id, @status, @now, @now)
                ON CONFLICT DO NOTHING
                RETURNING id)
            SELECT {ItemColumns} FROM inventories
            WHERE product_id = ANY(@product_ids) AND EXISTS (SELECT 1 FROM claimed)
            ORDER BY product_id FOR UPDATE
            """,
            ("reservation_id", reservationId), ("status", nameof(ReservationStatus.Reserved)), ("now", now), ("product_ids", productIds));

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

    /// <summary>The reservation row, locked when <paramref name="forUpdate"/>, and its items: two result sets.</summary>
    public static IEnumerable<NpgsqlBatchCommand> ReadReservation(Guid reservationId, bool forUpdate)
    {
        yield return SqlRows.Command(
            $"SELECT id, status, created_at, updated_at FROM reservations WHERE id = @id{(forUpdate ? " FOR UPDATE" : string.Empty)}", ("id", reservationId));
        yield return SqlRows.Command("SELECT product_id, quantity FROM reservation_items WHERE reservation_id = @id ORDER BY product_id", ("id", reservationId));
    }

    public static async Task<Reservation?> ReservationAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var reservation = await reader.ReadAsync(cancellationToken)
            ? new Reservation
            {
                Id = reader.GetGuid(0),
                Status = Enum.Parse<ReservationStatus>(reader.GetString(1)),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(2),
                UpdatedAt = reader.GetFieldValue<DateTimeOffset>(3),
            }
            : null;
        await reader.NextResultAsync(cancellationToken);
        if (reservation is not null)
        {
            reservation.Items = await reader.ReadAllAsync(
                row => new ReservationItem { ReservationId = reservation.Id, ProductId = row.GetGuid(0), Quantity = row.GetInt32(1) }, cancellationToken);
        }

        return reservation;
    }

    public static NpgsqlBatchCommand SaveStock(InventoryItem item) =>
        SqlRows.Command(
            SaveStockSql,
            ("quantity", item.Quantity), ("reserved", item.Reserved), ("low_stock_threshold", item.LowStockThreshold),
            ("low_stock_alerted", item.LowStockAlerted), ("sold_out_announced", item.SoldOutAnnounced), ("last_updated", item.LastUpdated),
            ("id", item.Id));

    public static NpgsqlBatchCommand InsertReservationItem(ReservationItem item) =>
        SqlRows.Command(
            "INSERT INTO reservation_items (reservation_id, product_id, quantity) VALUES (@reservation_id, @product_id, @quantity)",
            ("reservation_id", item.ReservationId), ("product_id", item.ProductId), ("quantity", item.Quantity));

    public static NpgsqlBatchCommand SaveReservationStatus(Reservation reservation) =>
        SqlRows.Command(
            "UPDATE reservations SET status = @status, updated_at = @updated_at WHERE id = @id",
            ("status", reservation.Status.ToString()), ("updated_at", reservation.UpdatedAt), ("id", reservation.Id));
}
