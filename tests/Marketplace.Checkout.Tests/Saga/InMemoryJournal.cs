using Marketplace.Checkout.Saga;

namespace Marketplace.Checkout.Tests.Saga;

/// <summary>A journal kept in memory, whose lease a test can take away.</summary>
public sealed class InMemoryJournal : ISagaJournal
{
    public List<(StepRecord Record, SagaPhase Phase)> Records { get; } = [];
    public bool LeaseHeld { get; set; } = true;
    public int LeaseRenewals { get; private set; }

    public IReadOnlyList<string> Names => Records.Select(entry => entry.Record.Name).ToList();

    public Task<bool> RecordAsync(Guid sagaId, StepRecord record, SagaPhase phase, CancellationToken cancellationToken)
    {
        if (LeaseHeld)
        {
            Records.Add((record, phase));
        }

        return Task.FromResult(LeaseHeld);
    }

    public Task<bool> RenewLeaseAsync(Guid sagaId, CancellationToken cancellationToken)
    {
        LeaseRenewals++;
        return Task.FromResult(LeaseHeld);
    }
}
