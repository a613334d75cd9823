namespace Marketplace.Checkout.Saga;

/// <summary>Where a saga's step outcomes are kept, under the lease of the instance driving it.</summary>
public interface ISagaJournal
{
    /// <summary>Stores a step's outcome and renews the lease in one write; false when this instance no longer holds the lease.</summary>
    Task<bool> RecordAsync(Guid sagaId, StepRecord record, SagaPhase phase, CancellationToken cancellationToken);

    /// <summary>Extends the lease while a step keeps retrying; false when it was lost.</summary>
    Task<bool> RenewLeaseAsync(Guid sagaId, CancellationToken cancellationToken);
}

/// <summary>The outcome of one step: its result as JSON, or why it failed for good.</summary>
public sealed record StepRecord(string Name, string? Result, string? Error);

public enum SagaPhase
{
    Running,
    Compensating,
}

/// <summary>Everything needed to (re)start driving a saga: its id, input, deadline and the outcomes recorded so far.</summary>
public sealed record SagaRun(Guid SagaId, string Input, DateTimeOffset DeadlineAt, IReadOnlyList<StepRecord> History);
