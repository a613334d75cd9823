using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Payments.Domain;
using Marketplace.Payments.Infrastructure;
using Marketplace.Payments.IntegrationEvents;

namespace Marketplace.Payments.Processing;

/// <summary>Refunds the payment of an order that was cancelled after it was paid (for example a customer cancelling a Confirmed order).</summary>
public sealed class CancelledOrderRefunds(PaymentsDbContext db, ChargeProcessor charges, RefundProcessor refunds)
{
    public const string Consumer = "payments.refund-cancelled-order";

    /// <summary>False while the order's charge is still in progress elsewhere: the event must be delivered again later.</summary>
    public async Task<bool> HandleAsync(OrderCancelled orderCancelled, CancellationToken cancellationToken)
    {
        // A charge left Pending by a crash may have taken the money: finish it first so that it is refunded too.
        var transaction = await charges.ResolveAsync(orderCancelled.OrderId, cancellationToken);
        switch (transaction?.Status)
        {
            case PaymentStatus.Pending:
                return false;
            case PaymentStatus.Completed:
                var reason = orderCancelled.Reason is { Length: > 0 } given ? $"Order cancelled: {given}" : "Order cancelled";
                await db.HandleOnceAsync(orderCancelled, Consumer, async token =>
                {
                    var refund = await refunds.RefundAsync(transaction.Id, reason, token);
                    if (refund.Outcome == RefundOutcome.ProviderDeclined)
                    {
                        // Nothing is recorded, so the delivery fails and the event comes back.
                        throw new InvalidOperationException($"The provider declined the refund of transaction {transaction.Id}.");
                    }
                }, cancellationToken);
                return true;
            default:
                return true;
        }
    }
}
