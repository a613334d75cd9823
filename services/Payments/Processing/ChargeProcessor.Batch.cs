using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Payments.Domain;
using Marketplace.Payments.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Payments.Processing;

public sealed partial class ChargeProcessor
{
    /// <summary>
    /// Charges several orders as <see cref="ChargeAsync"/> charges each. The first charges of orders (no transaction
    /// yet, the order's lock free, the key unused) share one round trip for their locks, one for their Pending rows,
    /// one for their outcomes and one to give the locks back; the provider is asked for each as before. Every other
    /// charge (a repeat, a key used twice, an order another request is charging) goes through
    /// <see cref="ChargeAsync"/> afterwards. The results are keyed by order id.
    /// </summary>
    public async Task<Dictionary<Guid, ChargeResult>> ChargeAllAsync(IReadOnlyList<ChargeCommand> commands, CancellationToken cancellationToken)
    {
        var byOrder = commands.DistinctBy(command => command.OrderId).ToList();
        var together = byOrder.DistinctBy(command => command.IdempotencyKey).ToList();
        var results = together.Count > 1 ? await ChargeFirstTimesAsync(together, cancellationToken) : [];
        foreach (var command in byOrder.Where(command => !results.ContainsKey(command.OrderId)))
        {
            results[command.OrderId] = await ChargeAsync(command, cancellationToken);
        }

        return results;
    }

    private async Task<Dictionary<Guid, ChargeResult>> ChargeFirstTimesAsync(List<ChargeCommand> commands, CancellationToken cancellationToken)
    {
        var orderIds = commands.Select(command => command.OrderId).ToArray();
        await db.Database.OpenConnectionAsync(cancellationToken);
        HashSet<Guid>? locked = null;
        try
        {
            (locked, var known) = await OrderChargeLock.TryAcquireAllAsync(
                db, orderIds, "order_id = ANY(@order_ids) OR idempotency_key = ANY(@keys)",
                [("order_ids", orderIds), ("keys", commands.Select(command => command.IdempotencyKey).ToArray())], cancellationToken);
            var pending = commands
                .Where(command => locked!.Contains(command.OrderId) && !known.Exists(t => t.OrderId == command.OrderId || t.IdempotencyKey == command.IdempotencyKey))
                .Select(NewPending)
                .ToList();
            return pending.Count == 0 ? [] : await ChargePendingAsync(pending, cancellationToken);
        }
        finally
        {
            await OrderChargeLock.ReleaseAllAsync(db, locked);
        }
    }

    /// <summary>Records the Pending rows, asks the provider for each, and saves the outcomes with their events.</summary>
    private async Task<Dictionary<Guid, ChargeResult>> ChargePendingAsync(List<PaymentTransaction> pending, CancellationToken cancellationToken)
    {
        try
        {
            var versions = await db.ReadBatchAsync(pending.Select(TransactionRows.Insert), SqlRows.EachResult(pending.Count, ReadVersionAsync), cancellationToken);
            for (var index = 0; index < pending.Count; index++)
            {
                pending[index].Version = versions[index];
            }
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // A key was taken meanwhile by a charge outside the batch: nothing was recorded, each is charged on its own.
            return [];
        }

        var saves = new List<NpgsqlBatchCommand>();
        foreach (var transaction in pending)
        {
            var outcomeEvent = await ChargeAtProviderAsync(transaction);
            transaction.UpdatedAt = clock.GetUtcNow();
            saves.Add(TransactionRows.SaveOutcome(transaction, outcomeEvent));
        }

        await db.ExecuteBatchAsync(saves, CancellationToken.None);
        signal.Notify();
        var results = new Dictionary<Guid, ChargeResult>();
        for (var index = 0; index < pending.Count; index++)
        {
            var transaction = pending[index];
            results[transaction.OrderId] = saves[index].RecordsAffected == 1
                ? new ChargeResult(ChargeOutcome.Recorded, transaction)
                : new ChargeResult(ChargeOutcome.Recorded, (await OrderTransactionAsync(transaction.OrderId, CancellationToken.None)).Single());
        }

        return results;
    }
}
