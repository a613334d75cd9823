using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;
using Npgsql;

namespace Marketplace.Orders.Ordering;

public enum StatusChangeOutcome
{
    NotFound,
    Illegal,
    AlreadyInStatus,
    Changed,
}

public sealed record StatusChange(StatusChangeOutcome Outcome, Order? Order);

/// <summary>
/// Moves orders through the status machine. The write is guarded by the row version: when two changes race, one
/// wins and the other is re-decided against the winner's status (so it becomes a 409, or a repeat that changes nothing).
/// </summary>
public sealed class OrderStatusChanges(OrdersDbContext db, OutboxSignal signal, TimeProvider clock)
{
    // The longest run of status changes is three, so one change can lose at most three races.
    private const int MaxAttempts = 4;

    /// <summary>
    /// Changes the order's status. Inside the caller's transaction the event becomes visible at the caller's commit,
    /// and the caller wakes the relay then.
    /// </summary>
    public async Task<StatusChange> ChangeAsync(
        Guid orderId, OrderStatus target, string? reason, Func<Order, bool> mayChange, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var order = (await db.ReadBatchAsync(OrderRows.Read("SELECT id FROM orders WHERE id = @id", ("id", orderId)), OrderRows.ReadAsync, cancellationToken))
                .SingleOrDefault();
            var (decision, change) = Decide(order, target, reason, mayChange);
            if (change is null)
            {
                return decision;
            }

            await db.ExecuteBatchAsync([change], cancellationToken);
            if (change.RecordsAffected == 1)
            {
                if (db.Database.CurrentTransaction is null)
                {
                    signal.Notify();
                }

                return decision;
            }
        }

        throw new InvalidOperationException($"Order {orderId} kept changing while its status was being changed.");
    }

    /// <summary>
    /// Changes several orders' status as a service does (<see cref="ChangeAsync"/> for each): one read of all of them
    /// and one batch of guarded writes, which PostgreSQL commits together. An order whose write lost a race is decided
    /// again on its own. The results are keyed by order id.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, StatusChange>> ChangeAllAsync(IReadOnlyCollection<Guid> orderIds, OrderStatus target, CancellationToken cancellationToken)
    {
        var ids = orderIds.Distinct().ToArray();
        var orders = (await db.ReadBatchAsync(OrderRows.Read("SELECT id FROM orders WHERE id = ANY(@ids)", ("ids", ids)), OrderRows.ReadAsync, cancellationToken))
            .ToDictionary(order => order.Id);
        var results = new Dictionary<Guid, StatusChange>();
        var writes = new List<(Guid OrderId, NpgsqlBatchCommand Change)>();
        foreach (var id in ids)
        {
            var (decision, change) = Decide(orders.GetValueOrDefault(id), target, reason: null, _ => true);
            results[id] = decision;
            if (change is not null)
            {
                writes.Add((id, change));
            }
        }

        if (writes.Count > 0)
        {
            await db.ExecuteBatchAsync(writes.Select(write => write.Change), cancellationToken);
            signal.Notify();
        }

        foreach (var (id, change) in writes.Where(write => write.Change.RecordsAffected != 1))
        {
            results[id] = await ChangeAsync(id, target, reason: null, _ => true, cancellationToken);
        }

        return results;
    }

    /// <summary>What changing the order would do, with the guarded write that does it when it changes anything.</summary>
    private (StatusChange Decision, NpgsqlBatchCommand? Change) Decide(Order? order, OrderStatus target, string? reason, Func<Order, bool> mayChange)
    {
        if (order is null || !mayChange(order))
        {
            return (new StatusChange(StatusChangeOutcome.NotFound, null), null);
        }

        if (order.Status == target)
        {
            return (new StatusChange(StatusChangeOutcome.AlreadyInStatus, order), null);
        }

        if (!OrderStatusMachine.CanMove(order.Status, target))
        {
            return (new StatusChange(StatusChangeOutcome.Illegal, order), null);
        }

        order.Status = target;
        order.StatusReason = reason;
        order.UpdatedAt = clock.GetUtcNow();
        return (new StatusChange(StatusChangeOutcome.Changed, order), OrderRows.ChangeStatus(order, OrderOutbox.StatusEvent(order)));
    }
}
