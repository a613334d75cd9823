using Marketplace.BuildingBlocks.Persistence;
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

    // One ledger row per idempotency key: a repeated charge returns the first one's provider id.
    private const string RecordChargeSql = """
        INSERT INTO sandbox_charges (idempotency_key, provider_transaction_id, amount, currency, attempts, refunded, created_at)
        VALUES (@idempotency_key, @provider_transaction_id, @amount, @currency, 1, false, now())
        ON CONFLICT (idempotency_key) DO UPDATE SET attempts = sandbox_charges.attempts + 1
        RETURNING provider_transaction_id, attempts
        """;

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

        var record = SqlRows.Command(
            RecordChargeSql,
            ("idempotency_key", charge.IdempotencyKey), ("provider_transaction_id", "sbx_" + Guid.NewGuid().ToString("N")),
            ("amount", charge.Amount), ("currency", charge.Currency));
        var (providerTransactionId, attempts) = await db.ReadBatchAsync(
            [record],
            async (reader, token) => await reader.ReadAsync(token) ? (reader.GetString(0), reader.GetInt32(1)) : throw new InvalidOperationException("The charge was not recorded."),
            cancellationToken);
        if (charge.PaymentMethod == ErrorOnce && attempts == 1)
        {
            throw new GatewayUnavailableException("The sandbox provider had a transient error.");
        }

        return GatewayResult.Approve(providerTransactionId);
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
