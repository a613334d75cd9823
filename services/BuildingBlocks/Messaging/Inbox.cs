using Microsoft.EntityFrameworkCore;

namespace Marketplace.BuildingBlocks.Messaging;

public static class Inbox
{
    /// <summary>
    /// Applies an event's effects once per consumer: the inbox row and the effects commit together, and a repeat
    /// (a redelivery, a replay, a concurrent duplicate) finds the row and does nothing. Returns false for a repeat.
    /// </summary>
    public static async Task<bool> HandleOnceAsync(this DbContext db, IntegrationEvent integrationEvent, string consumer, Func<CancellationToken, Task> apply, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (event_id, consumer, processed_at) VALUES ({integrationEvent.Id}, {consumer}, now()) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        await apply(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
