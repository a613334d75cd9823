namespace Marketplace.Checkout.Infrastructure;

/// <summary>One checkout's durable saga: its input, where it has got to, who drives it now, and its final result.</summary>
public sealed class CheckoutSaga
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The client's <c>Idempotency-Key</c>, unique per user.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Hash of the request body, so a key reused for a different request is refused.</summary>
    public required string RequestHash { get; set; }

    /// <summary>The orchestrator's input as JSON.</summary>
    public required string Input { get; set; }

    public SagaStatus Status { get; set; }

    /// <summary>Name of the last step whose outcome was recorded.</summary>
    public string? Step { get; set; }

    /// <summary>The orchestrator's final result as JSON, once <see cref="Status"/> is Completed.</summary>
    public string? Result { get; set; }

    /// <summary>The instance that drives the saga until <see cref="LeaseExpiresAt"/>.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>When the recovery worker may pick the saga up again after it was suspended.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>Forward steps stop retrying transient failures at this time and the saga compensates.</summary>
    public DateTimeOffset DeadlineAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public enum SagaStatus
{
    Running,
    Compensating,
    Completed,
}

/// <summary>The recorded outcome of one step (or compensation) of a saga; replays return it instead of running the step again.</summary>
public sealed class CheckoutStepRecord
{
    public Guid CheckoutId { get; set; }
    public required string Name { get; set; }
    public string? Result { get; set; }

    /// <summary>Why the step failed for good, when it did.</summary>
    public string? Error { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
