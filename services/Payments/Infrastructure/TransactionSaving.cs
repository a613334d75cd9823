using Marketplace.Payments.Domain;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Payments.Infrastructure;

public static class TransactionSaving
{
    /// <summary>
    /// Saves a transaction's new state with its queued events; when another request changed the row first (its xmin
    /// moved), nothing is saved and that request's outcome is returned instead.
    /// </summary>
    public static async Task<PaymentTransaction> SaveOrReloadAsync(this PaymentsDbContext db, PaymentTransaction transaction, TimeProvider clock)
    {
        transaction.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return transaction;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await db.Transactions.AsNoTracking().SingleAsync(t => t.Id == transaction.Id);
        }
    }
}
