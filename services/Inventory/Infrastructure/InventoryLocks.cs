using Marketplace.Inventory.Domain;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Inventory.Infrastructure;

public static class InventoryLocks
{
    /// <summary>
    /// Locks the stock rows of the given products for the current transaction, always in product id order,
    /// so two transactions touching the same products never deadlock. Missing products are simply absent.
    /// </summary>
    public static async Task<Dictionary<Guid, InventoryItem>> LockStockAsync(this InventoryDbContext db, IEnumerable<Guid> productIds, CancellationToken cancellationToken)
    {
        var ids = productIds.Distinct().ToArray();
        var rows = await db.Inventories
            .FromSql($"SELECT * FROM inventories WHERE product_id = ANY({ids}) ORDER BY product_id FOR UPDATE")
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(row => row.ProductId);
    }

    /// <summary>Locks one reservation row and loads its items, in one query; null when it does not exist.</summary>
    public static Task<Reservation?> LockReservationAsync(this InventoryDbContext db, Guid reservationId, CancellationToken cancellationToken) =>
        db.Reservations
            .FromSql($"SELECT * FROM reservations WHERE id = {reservationId} FOR UPDATE")
            .Include(reservation => reservation.Items)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Claims a new reservation id and locks the stock rows of its products (in product id order) in one statement.
    /// No rows come back when the id was taken already, or when none of the products has stock.
    /// </summary>
    public static async Task<Dictionary<Guid, InventoryItem>> ClaimAndLockStockAsync(
        this InventoryDbContext db, Guid reservationId, IEnumerable<Guid> productIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = productIds.Distinct().ToArray();
        var rows = await db.Inventories
            .FromSql($"""
                WITH claimed AS (
                    INSERT INTO reservations (id, status, created_at, updated_at) VALUES ({reservationId}, {nameof(ReservationStatus.Reserved)}, {now}, {now})
                    ON CONFLICT DO NOTHING
                    RETURNING id)
                SELECT * FROM inventories
                WHERE product_id = ANY({ids}) AND EXISTS (SELECT 1 FROM claimed)
                ORDER BY product_id FOR UPDATE
                """)
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(row => row.ProductId);
    }
}
