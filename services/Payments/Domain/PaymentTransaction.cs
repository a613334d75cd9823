namespace Marketplace.Payments.Domain;

public enum PaymentStatus
{
    Pending,
    Completed,
    Failed,
    Refunded,
}

/// <summary>One charge of one order. At most one exists per order, so an order can never be charged twice.</summary>
public sealed class PaymentTransaction
{
    public const string DefaultCurrency = "USD";
    public const string DefaultPaymentMethod = "Credit Card";

    public Guid Id { get; init; }
    public Guid OrderId { get; init; }

    /// <summary>The caller's Idempotency-Key, or the order id when none was sent.</summary>
    public required string IdempotencyKey { get; init; }

    public Guid UserId { get; init; }
    public decimal Amount { get; init; }
    public string Currency { get; init; } = DefaultCurrency;
    public PaymentStatus Status { get; set; } = PaymentStatus.Pending;
    public string PaymentMethod { get; init; } = DefaultPaymentMethod;
    public string? ProviderTransactionId { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }

    /// <summary>PostgreSQL's row version (xmin): two requests finishing one charge cannot both record it.</summary>
    public uint Version { get; set; }

    /// <summary>The key the gateway deduplicates this charge by, stable across retries and restarts.</summary>
    public string GatewayKey => $"charge:{Id:N}";

    /// <summary>The key the gateway deduplicates this transaction's refund by.</summary>
    public string RefundKey => $"refund:{Id:N}";
}
