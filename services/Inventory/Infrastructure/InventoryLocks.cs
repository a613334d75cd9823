using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Inventory.Domain;

namespace Marketplace.Inventory.Infrastructure;

public static class InventoryLocks
{
    /// <summary>
    /// Locks the stock rows of the given products for the current transaction, always in product id order,
    /// so two transactions touching the same products never deadlock. Missing products are simply absent.
    /// </summary>
    public static Task<Dictionary<Guid, InventoryItem>> LockStockAsync(this InventoryDbContext db, IEnumerable<Guid> productIds, CancellationToken cancellationToken) =>
        db.ReadBatchAsync([InventoryRows.LockStock(productIds.Distinct().ToArray())], InventoryRows.StockAsync, cancellationToken);

    /// <summary>
    /// Locks one reservation row (null when it does not exist) with its items, and then the stock rows of its products,
    /// in one round trip: the reservation first, as every change of a reservation takes it.
    /// </summary>
    public static Task<(Reservation? Reservation, Dictionary<Guid, InventoryItem> Stock)> LockReservationAsync(
        this InventoryDbContext db, Guid reservationId, CancellationToken cancellationToken) =>
        db.ReadBatchAsync(
            [.. InventoryRows.ReadReservation(reservationId, forUpdate: true), InventoryRows.LockStockOf(reservationId)],
            async (reader, token) =>
            {
                var reservation = await InventoryRows.ReservationAsync(reader, token);
                await reader.NextResultAsync(token);
                return (reservation, await InventoryRows.StockAsync(reader, token));
            },
            cancellationToken);

    /// <summary>
    /// Claims a new reservation id and locks the stock rows of its products (in product id order) in one statement.
    /// No rows come back when the id was taken already, or when none of the products has stock.
    /// </summary>
    public static Task<Dictionary<Guid, InventoryItem>> ClaimAndLockStockAsync(
        this InventoryDbContext db, Guid reservationId, IEnumerable<Guid> productIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ReadBatchAsync([InventoryRows.ClaimAndLockStock(reservationId, productIds.Distinct().ToArray(), now)], InventoryRows.StockAsync, cancellationToken);
}
