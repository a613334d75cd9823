using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Payments.Domain;

namespace Marketplace.Payments.Infrastructure;

public static class TransactionSaving
{
    /// <summary>
    /// Saves a transaction's new state with the event that reports it; when another request changed the row first (its
    /// xmin moved), nothing is saved and that request's outcome is returned instead.
    /// </summary>
    public static async Task<PaymentTransaction> SaveOrReloadAsync(
        this PaymentsDbContext db, PaymentTransaction transaction, OutboxMessage outcomeEvent, OutboxSignal signal, TimeProvider clock)
    {
        transaction.UpdatedAt = clock.GetUtcNow();
        var save = TransactionRows.SaveOutcome(transaction, outcomeEvent);
        await db.ExecuteBatchAsync([save], CancellationToken.None);
        if (save.RecordsAffected == 1)
        {
            signal.Notify();
            return transaction;
        }

        return (await db.ReadTransactionsAsync("id = @id", [("id", transaction.Id)], CancellationToken.None)).Single();
    }

    public static Task<List<PaymentTransaction>> ReadTransactionsAsync(
        this PaymentsDbContext db, string condition, (string Name, object? Value)[] parameters, CancellationToken cancellationToken) =>
        db.ReadBatchAsync([TransactionRows.Read(condition, parameters)], TransactionRows.ReadAsync, cancellationToken);
}
