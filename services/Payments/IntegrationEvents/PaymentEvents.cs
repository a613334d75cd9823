using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Payments.Domain;

namespace Marketplace.Payments.IntegrationEvents;

public sealed record PaymentCompleted(Guid TransactionId, Guid OrderId, Guid UserId, decimal Amount, string Currency, string Status, string? Reason) : IntegrationEvent;

public sealed record PaymentFailed(Guid TransactionId, Guid OrderId, Guid UserId, decimal Amount, string Currency, string Status, string? Reason) : IntegrationEvent;

public sealed record PaymentRefunded(Guid TransactionId, Guid OrderId, Guid UserId, decimal Amount, string Currency, string Status, string? Reason) : IntegrationEvent;

public static class PaymentEvents
{
    public static PaymentCompleted Completed(PaymentTransaction t) =>
        new(t.Id, t.OrderId, t.UserId, t.Amount, t.Currency, t.Status.ToString(), null);

    public static PaymentFailed Failed(PaymentTransaction t) =>
        new(t.Id, t.OrderId, t.UserId, t.Amount, t.Currency, t.Status.ToString(), t.FailureReason);

    public static PaymentRefunded Refunded(PaymentTransaction t, string? reason) =>
        new(t.Id, t.OrderId, t.UserId, t.Amount, t.Currency, t.Status.ToString(), reason);
}
