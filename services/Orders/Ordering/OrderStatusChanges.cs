using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
/// Moves orders through the status machine. The save is guarded by the row version: when two changes race, one
/// wins and the other is re-decided against the winner's status (so it becomes a 409, or a repeat that changes nothing).
/// </summary>
public sealed class OrderStatusChanges(OrdersDbContext db, TimeProvider clock)
{
    // The longest run of status changes is three, so one change can lose at most three races.
    private const int MaxAttempts = 4;

    public async Task<StatusChange> ChangeAsync(
        Guid orderId, OrderStatus target, string? reason, Func<Order, bool> mayChange, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var order = await db.Orders.Include(o => o.Items).Include(o => o.ShippingAddress)
                .SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
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
            db.AddStatusEvent(order);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new StatusChange(StatusChangeOutcome.Changed, order);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
