using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Orders.Carts;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;

namespace Marketplace.Orders.Ordering;

/// <summary>
/// Abandons a checkout for good: its order, if one was created, is cancelled, and a create that arrives later (a
/// request the saga gave up waiting for) is refused. Repeating it changes nothing. Answers what happened to the
/// checkout's order (cancelled, or found unable to be), or null when it had none. The lines of the order it cancels go
/// back into the shopper's cart, as the checkout did not happen.
/// </summary>
public sealed class CheckoutAbandonment(OrdersDbContext db, OrderStatusChanges changes, CartStore carts, OutboxSignal signal, TimeProvider clock)
{
    private const string RecordSql = """
        INSERT INTO abandoned_checkouts (checkout_id, reason, abandoned_at) VALUES (@checkout_id, @reason, @abandoned_at)
        ON CONFLICT (checkout_id) DO NOTHING
        """;

    public async Task<StatusChange?> AbandonAsync(Guid checkoutId, string? reason, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Under the checkout's lock: the abandonment is recorded (once), and the order, if the checkout made one, found.
        var record = SqlRows.Command(RecordSql, ("checkout_id", checkoutId), ("reason", reason), ("abandoned_at", clock.GetUtcNow()));
        var findOrder = SqlRows.Command("SELECT id FROM orders WHERE checkout_id = @checkout_id", ("checkout_id", checkoutId));
        var orderId = await db.ReadBatchAsync(
            [CheckoutLock.Command(checkoutId), record, findOrder],
            async (reader, token) =>
            {
                // The insert returns no result set: after the lock's comes the order's.
                await reader.NextResultAsync(token);
                return await reader.ReadAsync(token) ? reader.GetGuid(0) : (Guid?)null;
            },
            cancellationToken);
        var change = orderId is { } id ? await changes.ChangeAsync(id, OrderStatus.Cancelled, reason, _ => true, cancellationToken) : null;
        if (change is { Outcome: StatusChangeOutcome.Changed, Order: { } cancelled })
        {
            await carts.RestoreOrderAsync(cancelled.UserId, cancelled.Id, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (change?.Outcome == StatusChangeOutcome.Changed)
        {
            signal.Notify();
        }

        return change;
    }
}
