using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Payments.Domain;
using Marketplace.Payments.Gateway;
using Marketplace.Payments.Infrastructure;
using Marketplace.Payments.IntegrationEvents;

namespace Marketplace.Payments.Processing;

public enum RefundOutcome
{
    NotFound,
    Refunded,

    /// <summary>Only a Completed payment can be refunded (a Failed one took no money; a Pending one is still being charged).</summary>
    NotRefundable,
    ProviderDeclined,
}

public sealed record RefundResult(RefundOutcome Outcome, PaymentTransaction? Transaction = null);

/// <summary>Refunds a completed payment once: a repeat finds it Refunded, and the provider refunds by key.</summary>
public sealed class RefundProcessor(PaymentsDbContext db, IPaymentGateway gateway, OutboxSignal signal, TimeProvider clock)
{
    public async Task<RefundResult> RefundAsync(Guid transactionId, string? reason, CancellationToken cancellationToken)
    {
        var transaction = (await db.ReadTransactionsAsync("id = @id", [("id", transactionId)], cancellationToken)).SingleOrDefault();
        switch (transaction?.Status)
        {
            case null:
                return new RefundResult(RefundOutcome.NotFound);
            case PaymentStatus.Refunded:
                return new RefundResult(RefundOutcome.Refunded, transaction);
            case not PaymentStatus.Completed:
                return new RefundResult(RefundOutcome.NotRefundable, transaction);
        }

        var result = await gateway.RefundAsync(transaction.ProviderTransactionId!, transaction.RefundKey, cancellationToken);
        if (!result.Approved)
        {
            return new RefundResult(RefundOutcome.ProviderDeclined, transaction);
        }

        transaction.Status = PaymentStatus.Refunded;
        transaction.RefundedAt = clock.GetUtcNow();
        transaction = await db.SaveOrReloadAsync(transaction, OutboxMessage.For(PaymentEvents.Refunded(transaction, reason)), signal, clock);
        return new RefundResult(transaction.Status == PaymentStatus.Refunded ? RefundOutcome.Refunded : RefundOutcome.NotRefundable, transaction);
    }
}
