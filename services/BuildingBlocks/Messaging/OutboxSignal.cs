using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Data.Common;

namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>Wakes the outbox relay as soon as a transaction that wrote events commits, instead of waiting for its next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private static readonly AsyncLocal<bool> RelayPass = new();
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>
    /// Marks the calling async method as a relay pass: its own commit (marking rows published) must not wake the relay,
    /// or an idle relay would run empty passes back to back, a database transaction each, for as long as it lives.
    /// </summary>
    public static void IgnoreCommitsOfThisPass() => RelayPass.Value = true;

    public void Notify()
    {
        if (!RelayPass.Value && _signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer woke the relay first; one wake-up is enough.
            }
        }
    }

    public void Dispose() => _signal.Dispose();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>Signals the relay after a save or a commit that may have stored outbox rows.</summary>
public sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            signal.Notify();
        }

        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        signal.Notify();
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => signal.Notify();
}
