using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Inventory.Domain;
using Marketplace.Inventory.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Inventory.Stock;

/// <summary>
/// Holds, sells and returns stock. Every change is recorded per reservation, so at any time
/// available + held by Reserved/Committed reservations = everything ever added.
/// </summary>
public sealed class Reservations(InventoryDbContext db, TimeProvider clock)
{
    public sealed record ReserveResult(Reservation? Reservation, IReadOnlyList<StockShortage> Shortages);

    public enum CommitResult
    {
        Committed,
        NotFound,
        AlreadyReleased,
    }

    /// <summary>
    /// All or nothing: every line is reserved, or nothing is and the short lines are returned.
    /// A repeat of a known reservation id changes nothing and returns the recorded reservation.
    /// </summary>
    public async Task<ReserveResult> ReserveAsync(Guid reservationId, IReadOnlyList<StockLine> lines, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginAllOrNothingTransactionAsync(cancellationToken);
        var stock = await db.ClaimAndLockStockAsync(reservationId, lines.Select(line => line.ProductId), now, cancellationToken);
        if (stock.Count == 0)
        {
            // A repeat, or no product has stock: once the claim (if any) is undone, a reservation found is an earlier one.
            await transaction.RollbackAsync(cancellationToken);
            var earlier = await FindAsync(reservationId, cancellationToken);
            return earlier is not null
                ? new ReserveResult(earlier, [])
                : new ReserveResult(null, lines.Select(line => ShortageOf(line, null)).OfType<StockShortage>().ToList());
        }

        var shortages = lines.Select(line => ShortageOf(line, stock.GetValueOrDefault(line.ProductId))).OfType<StockShortage>().ToList();
        if (shortages.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ReserveResult(null, shortages);
        }

        foreach (var line in lines)
        {
            var item = stock[line.ProductId];
            item.Quantity -= line.Quantity;
            item.Reserved += line.Quantity;
            item.LastUpdated = now;
            db.AfterStockChange(item);
        }

        var items = lines.Select(line => new ReservationItem { ReservationId = reservationId, ProductId = line.ProductId, Quantity = line.Quantity }).ToList();
        db.ReservationItems.AddRange(items);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ReserveResult(new Reservation { Id = reservationId, Status = ReservationStatus.Reserved, CreatedAt = now, UpdatedAt = now, Items = items }, []);
    }

    /// <summary>
    /// Returns a reservation's stock (also stock already committed, when its order is cancelled); unknown or released is
    /// a no-op. Gives back the released reservation with its items, or null when there is none.
    /// </summary>
    public async Task<Reservation?> ReleaseAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginAllOrNothingTransactionAsync(cancellationToken);
        var reservation = await db.LockReservationAsync(reservationId, cancellationToken);
        if (reservation is null || reservation.Status == ReservationStatus.Released)
        {
            return reservation;
        }

        var stock = await db.LockStockAsync(reservation.Items.Select(line => line.ProductId), cancellationToken);
        foreach (var line in reservation.Items)
        {
            ReturnToStock(stock[line.ProductId], line.Quantity, stillHeld: reservation.Status == ReservationStatus.Reserved);
        }

        reservation.Status = ReservationStatus.Released;
        reservation.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return reservation;
    }

    /// <summary>
    /// Seed 003's release by product: returns up to <paramref name="quantity"/> units held for the product, oldest reservation first.
    /// Returns how many units went back to stock (never more than were held).
    /// </summary>
    public async Task<int> ReleaseByProductAsync(Guid productId, int quantity, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginAllOrNothingTransactionAsync(cancellationToken);
        var held = await db.ReservationItems
            .FromSql($"""
                SELECT ri.* FROM reservation_items ri JOIN reservations r ON r.id = ri.reservation_id
                WHERE ri.product_id = {productId} AND ri.quantity > 0 AND r.status = {nameof(ReservationStatus.Reserved)}
                ORDER BY r.created_at, r.id FOR UPDATE OF r, ri
                """)
            .ToListAsync(cancellationToken);
        var stock = await db.LockStockAsync([productId], cancellationToken);
        var remaining = quantity;
        foreach (var line in held.TakeWhile(_ => remaining > 0))
        {
            var released = Math.Min(remaining, line.Quantity);
            line.Quantity -= released;
            remaining -= released;
            ReturnToStock(stock[productId], released, stillHeld: true);
        }

        var emptied = held.Where(line => line.Quantity == 0).Select(line => line.ReservationId).ToArray();
        await db.SaveChangesAsync(cancellationToken);
        await db.Reservations
            .Where(reservation => emptied.Contains(reservation.Id) && reservation.Items.All(item => item.Quantity == 0))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, ReservationStatus.Released).SetProperty(r => r.UpdatedAt, clock.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return quantity - remaining;
    }

    /// <summary>The reserved stock was sold: it stops counting as held. Idempotent; a committed reservation comes back with its items.</summary>
    public async Task<(CommitResult Result, Reservation? Reservation)> CommitAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginAllOrNothingTransactionAsync(cancellationToken);
        var reservation = await db.LockReservationAsync(reservationId, cancellationToken);
        switch (reservation?.Status)
        {
            case null:
                return (CommitResult.NotFound, null);
            case ReservationStatus.Released:
                return (CommitResult.AlreadyReleased, null);
            case ReservationStatus.Committed:
                return (CommitResult.Committed, reservation);
        }

        var now = clock.GetUtcNow();
        var stock = await db.LockStockAsync(reservation.Items.Select(line => line.ProductId), cancellationToken);
        foreach (var line in reservation.Items)
        {
            stock[line.ProductId].Reserved -= line.Quantity;
            stock[line.ProductId].LastUpdated = now;
        }

        reservation.Status = ReservationStatus.Committed;
        reservation.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (CommitResult.Committed, reservation);
    }

    public Task<Reservation?> FindAsync(Guid reservationId, CancellationToken cancellationToken) =>
        db.Reservations.AsNoTracking().Include(reservation => reservation.Items).SingleOrDefaultAsync(reservation => reservation.Id == reservationId, cancellationToken);

    private static StockShortage? ShortageOf(StockLine line, InventoryItem? item) => item switch
    {
        null => new StockShortage(line.ProductId, line.Quantity, 0, ShortageReason.NoInventory),
        { Discontinued: true } => new StockShortage(line.ProductId, line.Quantity, 0, ShortageReason.Discontinued),
        _ when item.Quantity < line.Quantity => new StockShortage(line.ProductId, line.Quantity, item.Quantity, ShortageReason.InsufficientStock),
        _ => null,
    };

    private void ReturnToStock(InventoryItem item, int quantity, bool stillHeld)
    {
        item.Quantity += quantity;
        if (stillHeld)
        {
            item.Reserved -= quantity;
        }

        item.LastUpdated = clock.GetUtcNow();
        db.AfterStockChange(item);
    }
}
