using Marketplace.Payments.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Payments.Gateway;

/// <summary>
/// A deterministic provider for tests and demos, driven by the payment method: <c>card_declined</c> is declined,
/// <c>card_timeout</c> never answers, <c>card_error_once</c> fails transiently on its first call, anything else is approved.
/// </summary>
public sealed class SandboxPaymentGateway(PaymentsDbContext db) : IPaymentGateway
{
    public const string Declined = "card_declined";
    public const string NeverAnswers = "card_timeout";
    public const string ErrorOnce = "card_error_once";

    public async Task<GatewayResult> ChargeAsync(GatewayCharge charge, CancellationToken cancellationToken)
    {
        switch (charge.PaymentMethod)
        {
            case Declined:
                return GatewayResult.Decline("The card was declined.");
            case NeverAnswers:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }

        // One ledger row per idempotency key: a repeated charge returns the first one's provider id.
        var recorded = await db.SandboxCharges.FromSql($"""
            INSERT INTO sandbox_charges (idempotency_key, provider_transaction_id, amount, currency, attempts, refunded, created_at)
            VALUES ({charge.IdempotencyKey}, {"sbx_" + Guid.NewGuid().ToString("N")}, {charge.Amount}, {charge.Currency}, 1, false, now())
            ON CONFLICT (idempotency_key) DO UPDATE SET attempts = sandbox_charges.attempts + 1
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        var entry = recorded.Single();
        if (charge.PaymentMethod == ErrorOnce && entry.Attempts == 1)
        {
            throw new GatewayUnavailableException("The sandbox provider had a transient error.");
        }

        return GatewayResult.Approve(entry.ProviderTransactionId);
    }

    public async Task<GatewayResult> RefundAsync(string providerTransactionId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var updated = await db.Database.ExecuteSqlAsync(
            $"UPDATE sandbox_charges SET refunded = true WHERE provider_transaction_id = {providerTransactionId}", cancellationToken);
        return updated == 1
            ? GatewayResult.Approve(providerTransactionId)
            : GatewayResult.Decline("The sandbox provider has no such charge.");
    }
}
