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

    /// <summary>Locks one reservation row (and loads its items); null when it does not exist.</summary>
    public static async Task<Reservation?> LockReservationAsync(this InventoryDbContext db, Guid reservationId, CancellationToken cancellationToken)
    {
        var rows = await db.Reservations
            .FromSql($"SELECT * FROM reservations WHERE id = {reservationId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        await db.ReservationItems.Where(item => item.ReservationId == reservationId).LoadAsync(cancellationToken);
        return rows[0];
    }
}
