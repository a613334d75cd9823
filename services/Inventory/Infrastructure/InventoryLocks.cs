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
    /// Locks the reservation rows that exist (in id order) with their items, and then the stock rows of their products,
    /// in one round trip: the reservations first, as every change of a reservation takes them.
    /// </summary>
    public static Task<(Dictionary<Guid, Reservation> Reservations, Dictionary<Guid, InventoryItem> Stock)> LockReservationsAsync(
        this InventoryDbContext db, Guid[] reservationIds, CancellationToken cancellationToken) =>
        db.ReadBatchAsync(
            [.. InventoryRows.ReadReservations(reservationIds, forUpdate: true), InventoryRows.LockStockOf(reservationIds)],
            async (reader, token) =>
            {
                var reservations = await InventoryRows.ReservationsAsync(reader, token);
                await reader.NextResultAsync(token);
                return (reservations, await InventoryRows.StockAsync(reader, token));
            },
            cancellationToken);

    /// <summary>
    /// Claims the new reservation ids and locks the stock rows of the products (in product id order) in one round trip.
    /// Returns the ids claimed; the others were taken already.
    /// </summary>
    public static Task<(HashSet<Guid> Claimed, Dictionary<Guid, InventoryItem> Stock)> ClaimAndLockStockAsync(
        this InventoryDbContext db, Guid[] reservationIds, IEnumerable<Guid> productIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ReadBatchAsync(
            [InventoryRows.ClaimReservations(reservationIds, now), InventoryRows.LockStock(productIds.Distinct().ToArray())],
            async (reader, token) =>
            {
                var claimed = (await reader.ReadAllAsync(row => row.GetGuid(0), token)).ToHashSet();
                await reader.NextResultAsync(token);
                return (claimed, await InventoryRows.StockAsync(reader, token));
            },
            cancellationToken);
}
