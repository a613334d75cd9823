using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Inventory.Domain;
using Marketplace.Inventory.Infrastructure;
using Npgsql;

namespace Marketplace.Inventory.Stock;

/// <summary>
/// Holds, sells and returns stock. Every change is recorded per reservation, so at any time
/// available + held by Reserved/Committed reservations = everything ever added. Each change locks what it reads and
/// writes back what it changed in one batch before its commit.
/// </summary>
public sealed class Reservations(InventoryDbContext db, OutboxSignal signal, TimeProvider clock)
{
    private const string ReleaseEmptiedSql = """
        UPDATE reservations r SET status = @status, updated_at = @now
        WHERE r.id = ANY(@ids) AND NOT EXISTS (SELECT 1 FROM reservation_items i WHERE i.reservation_id = r.id AND i.quantity > 0)
        """;

    public sealed record ReserveResult(Reservation? Reservation, IReadOnlyList<StockShortage> Shortages);

    /// <summary>What one reservation asks for.</summary>
    public sealed record ReservationOrder(Guid ReservationId, IReadOnlyList<StockLine> Lines);

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
    public async Task<ReserveResult> ReserveAsync(Guid reservationId, IReadOnlyList<StockLine> lines, CancellationToken cancellationToken) =>
        (await ReserveAllAsync([new ReservationOrder(reservationId, lines)], cancellationToken))[reservationId];

    /// <summary>
    /// Several reservations in one transaction, each all or nothing as <see cref="ReserveAsync"/>, decided one after
    /// the other in the order given against the stock the ones before left. A reservation id given twice is one
    /// reservation. The results are keyed by reservation id.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, ReserveResult>> ReserveAllAsync(IReadOnlyList<ReservationOrder> orders, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var distinct = orders.DistinctBy(order => order.ReservationId).ToList();
        var results = new Dictionary<Guid, ReserveResult>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (claimed, stock) = await db.ClaimAndLockStockAsync(
            distinct.Select(order => order.ReservationId).ToArray(), distinct.SelectMany(order => order.Lines).Select(line => line.ProductId), now, cancellationToken);
        var writes = new StockWrites();
        var reserved = new List<ReservationItem>();
        foreach (var order in distinct.Where(order => claimed.Contains(order.ReservationId)))
        {
            var shortages = order.Lines.Select(line => ShortageOf(line, stock.GetValueOrDefault(line.ProductId))).OfType<StockShortage>().ToList();
            if (shortages.Count > 0)
            {
                results[order.ReservationId] = new ReserveResult(null, shortages);
                continue;
            }

            var items = order.Lines.Select(line => new ReservationItem { ReservationId = order.ReservationId, ProductId = line.ProductId, Quantity = line.Quantity }).ToList();
            foreach (var line in order.Lines)
            {
                var item = stock[line.ProductId];
                item.Quantity -= line.Quantity;
                item.Reserved += line.Quantity;
                item.LastUpdated = now;
                writes.SaveStock(item);
            }

            reserved.AddRange(items);
            results[order.ReservationId] = new ReserveResult(
                new Reservation { Id = order.ReservationId, Status = ReservationStatus.Reserved, CreatedAt = now, UpdatedAt = now, Items = items }, []);
        }

        if (reserved.Count > 0)
        {
            writes.Add(InventoryRows.InsertReservationItems(reserved));
        }

        // A refused reservation leaves no trace: its claim goes with it, so its id may be tried again.
        var refused = results.Where(result => result.Value.Reservation is null).Select(result => result.Key).ToArray();
        if (refused.Length > 0)
        {
            writes.Add(InventoryRows.DropClaims(refused));
        }

        await writes.CommitAsync(db, transaction, signal, cancellationToken);

        // The ids not claimed were taken by an earlier request: its reservation is the answer.
        foreach (var order in distinct.Where(order => !claimed.Contains(order.ReservationId)))
        {
            results[order.ReservationId] = await FindAsync(order.ReservationId, cancellationToken) is { } earlier
                ? new ReserveResult(earlier, [])
                : new ReserveResult(null, order.Lines.Select(line => ShortageOf(line, null)).OfType<StockShortage>().ToList());
        }

        return results;
    }

    /// <summary>
    /// Returns a reservation's stock (also stock already committed, when its order is cancelled); unknown or released is
    /// a no-op. Gives back the released reservation with its items, or null when there is none.
    /// </summary>
    public async Task<Reservation?> ReleaseAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (reservations, stock) = await db.LockReservationsAsync([reservationId], cancellationToken);
        var reservation = reservations.GetValueOrDefault(reservationId);
        if (reservation is null || reservation.Status == ReservationStatus.Released)
        {
            return reservation;
        }

        var writes = new StockWrites();
        foreach (var line in reservation.Items)
        {
            var item = stock[line.ProductId];
            ReturnToStock(item, line.Quantity, stillHeld: reservation.Status == ReservationStatus.Reserved);
            writes.SaveStock(item);
        }

        reservation.Status = ReservationStatus.Released;
        reservation.UpdatedAt = clock.GetUtcNow();
        writes.Add(InventoryRows.SaveReservationStatus(reservation));
        await writes.CommitAsync(db, transaction, signal, cancellationToken);
        return reservation;
    }

    /// <summary>
    /// Seed 003's release by product: returns up to <paramref name="quantity"/> units held for the product, oldest reservation first.
    /// Returns how many units went back to stock (never more than were held).
    /// </summary>
    public async Task<int> ReleaseByProductAsync(Guid productId, int quantity, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var held = await db.ReadBatchAsync([HeldCommand(productId)], ReadHeldAsync, cancellationToken);
        var stock = await db.LockStockAsync([productId], cancellationToken);
        var writes = new StockWrites();
        var remaining = quantity;
        foreach (var line in held.TakeWhile(_ => remaining > 0))
        {
            var released = Math.Min(remaining, line.Quantity);
            line.Quantity -= released;
            remaining -= released;
            ReturnToStock(stock[productId], released, stillHeld: true);
            writes.Add(SqlRows.Command(
                "UPDATE reservation_items SET quantity = @quantity WHERE reservation_id = @reservation_id AND product_id = @product_id",
                ("quantity", line.Quantity), ("reservation_id", line.ReservationId), ("product_id", productId)));
        }

        if (remaining < quantity)
        {
            writes.SaveStock(stock[productId]);
        }

        // A reservation all of whose lines are now empty holds nothing more: it is released.
        var emptied = held.Where(line => line.Quantity == 0).Select(line => line.ReservationId).ToArray();
        writes.Add(SqlRows.Command(ReleaseEmptiedSql, ("status", nameof(ReservationStatus.Released)), ("now", clock.GetUtcNow()), ("ids", emptied)));
        await writes.CommitAsync(db, transaction, signal, cancellationToken);
        return quantity - remaining;
    }

    /// <summary>The reserved stock was sold: it stops counting as held. Idempotent; a committed reservation comes back with its items.</summary>
    public async Task<(CommitResult Result, Reservation? Reservation)> CommitAsync(Guid reservationId, CancellationToken cancellationToken) =>
        (await CommitAllAsync([reservationId], cancellationToken))[reservationId];

    /// <summary>Several commits as <see cref="CommitAsync"/> in one transaction, keyed by reservation id.</summary>
    public async Task<IReadOnlyDictionary<Guid, (CommitResult Result, Reservation? Reservation)>> CommitAllAsync(
        IReadOnlyCollection<Guid> reservationIds, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (reservations, stock) = await db.LockReservationsAsync(reservationIds.Distinct().ToArray(), cancellationToken);
        var now = clock.GetUtcNow();
        var writes = new StockWrites();
        var results = new Dictionary<Guid, (CommitResult, Reservation?)>();
        foreach (var reservationId in reservationIds)
        {
            var reservation = reservations.GetValueOrDefault(reservationId);
            results[reservationId] = reservation?.Status switch
            {
                null => (CommitResult.NotFound, null),
                ReservationStatus.Released => (CommitResult.AlreadyReleased, null),
                _ => (CommitResult.Committed, reservation),
            };
            if (reservation?.Status != ReservationStatus.Reserved)
            {
                continue;
            }

            foreach (var line in reservation.Items)
            {
                var item = stock[line.ProductId];
                item.Reserved -= line.Quantity;
                item.LastUpdated = now;
                writes.SaveStock(item);
            }

            reservation.Status = ReservationStatus.Committed;
            reservation.UpdatedAt = now;
            writes.Add(InventoryRows.SaveReservationStatus(reservation));
        }

        await writes.CommitAsync(db, transaction, signal, cancellationToken);
        return results;
    }

    public async Task<Reservation?> FindAsync(Guid reservationId, CancellationToken cancellationToken) =>
        (await db.ReadBatchAsync(InventoryRows.ReadReservations([reservationId], forUpdate: false), InventoryRows.ReservationsAsync, cancellationToken))
        .GetValueOrDefault(reservationId);

    /// <summary>The lines still holding the product, oldest reservation first, locked with their reservations.</summary>
    private static NpgsqlBatchCommand HeldCommand(Guid productId) =>
        SqlRows.Command(
            """
            SELECT ri.reservation_id, ri.quantity FROM reservation_items ri JOIN reservations r ON r.id = ri.reservation_id
            WHERE ri.product_id = @product_id AND ri.quantity > 0 AND r.status = @status
            ORDER BY r.created_at, r.id FOR UPDATE OF r, ri
            """,
            ("product_id", productId), ("status", nameof(ReservationStatus.Reserved)));

    private static Task<List<ReservationItem>> ReadHeldAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        reader.ReadAllAsync(row => new ReservationItem { ReservationId = row.GetGuid(0), Quantity = row.GetInt32(1) }, cancellationToken);

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
    }
}
