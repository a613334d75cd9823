using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Ordering;

/// <summary>
/// Abandons a checkout for good: its order, if one was created, is cancelled, and a create that arrives later (a
/// request the saga gave up waiting for) is refused. Repeating it changes nothing. Answers what happened to the
/// checkout's order (cancelled, or found unable to be), or null when it had none.
/// </summary>
public sealed class CheckoutAbandonment(OrdersDbContext db, OrderStatusChanges changes, TimeProvider clock)
{
    public async Task<StatusChange?> AbandonAsync(Guid checkoutId, string? reason, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockCheckoutAsync(checkoutId, cancellationToken);
        if (!await db.AbandonedCheckouts.AnyAsync(a => a.CheckoutId == checkoutId, cancellationToken))
        {
            db.AbandonedCheckouts.Add(new AbandonedCheckout { CheckoutId = checkoutId, Reason = reason, AbandonedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        var orderId = await db.Orders.Where(o => o.CheckoutId == checkoutId).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(cancellationToken);
        var change = orderId is { } id ? await changes.ChangeAsync(id, OrderStatus.Cancelled, reason, _ => true, cancellationToken) : null;
        await transaction.CommitAsync(cancellationToken);
        return change;
    }
}
