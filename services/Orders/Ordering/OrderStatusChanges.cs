using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;

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
            if (order is null || !mayChange(order))
            {
                return new StatusChange(StatusChangeOutcome.NotFound, null);
            }

            if (order.Status == target)
            {
                return new StatusChange(StatusChangeOutcome.AlreadyInStatus, order);
            }

            if (!OrderStatusMachine.CanMove(order.Status, target))
            {
                return new StatusChange(StatusChangeOutcome.Illegal, order);
            }

            order.Status = target;
            order.StatusReason = reason;
            order.UpdatedAt = clock.GetUtcNow();
            var change = OrderRows.ChangeStatus(order, OrderOutbox.StatusEvent(order));
            await db.ExecuteBatchAsync([change], cancellationToken);
            if (change.RecordsAffected == 1)
            {
                if (db.Database.CurrentTransaction is null)
                {
                    signal.Notify();
                }

                return new StatusChange(StatusChangeOutcome.Changed, order);
            }
        }

        throw new InvalidOperationException($"Order {orderId} kept changing while its status was being changed.");
    }
}
