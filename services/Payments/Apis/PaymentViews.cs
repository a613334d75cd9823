using Marketplace.Payments.Domain;
using Marketplace.Payments.Processing;

namespace Marketplace.Payments.Apis;

public sealed record TransactionView(
    Guid TransactionId,
    Guid OrderId,
    Guid UserId,
    decimal Amount,
    string Currency,
    PaymentStatus Status,
    string PaymentMethod,
    string? ProviderTransactionId,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? RefundedAt)
{
    public static TransactionView Of(PaymentTransaction t) =>
        new(t.Id, t.OrderId, t.UserId, t.Amount, t.Currency, t.Status, t.PaymentMethod, t.ProviderTransactionId, t.FailureReason, t.CreatedAt, t.UpdatedAt, t.RefundedAt);
}

/// <summary>
/// One charge of a batch: the order's transaction (whatever its status), or no transaction with the reason: the key was
/// used for another order, or another request is still charging the order (<c>busy</c>, worth repeating shortly).
/// </summary>
public sealed record ChargeView(Guid OrderId, TransactionView? Transaction, bool Busy, string? Detail)
{
    public const string KeyUsedByAnotherOrder = "This Idempotency-Key was already used for another order.";
    public const string BusyDetail = "Another request for this order is still being processed; repeat the request shortly.";

    public static ChargeView Of(Guid orderId, ChargeResult result) => result switch
    {
        { Outcome: ChargeOutcome.IdempotencyKeyUsedByAnotherOrder } => new(orderId, null, false, KeyUsedByAnotherOrder),
        { Transaction: { } transaction } => new(orderId, TransactionView.Of(transaction), false, transaction.FailureReason),
        _ => new(orderId, null, true, BusyDetail),
    };
}
