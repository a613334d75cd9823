using Marketplace.Payments.Domain;

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
