using Marketplace.BuildingBlocks.Persistence;
using Marketplace.BuildingBlocks.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>
/// Publishes the EF Core outbox table. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>,
/// so several instances never publish one row at once; a crash before a row is marked means it is published
/// again, and the subscriber's inbox absorbs the repeat.
/// </summary>
public sealed class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    IEventTransport transport,
    OutboxSignal signal,
    MarketplaceRuntime runtime,
    IOptions<EventBusOptions> options,
    ILogger<OutboxRelay<TDbContext>> logger) : OutboxPublisher(transport, signal, runtime, options, logger)
    where TDbContext : DbContext
{
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    public override async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        OutboxSignal.IgnoreCommitsOfThisPass();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginAllOrNothingTransactionAsync(cancellationToken);
        var batch = await db.Set<OutboxMessage>()
            .FromSql($"SELECT * FROM outbox_messages WHERE published_at IS NULL ORDER BY occurred_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var published = await PublishInOrderAsync(batch, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return published;
    }

    protected override async Task CleanupAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow < _nextCleanup)
        {
            return;
        }

        _nextCleanup = DateTimeOffset.UtcNow.AddHours(1);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = DateTimeOffset.UtcNow - Options.PublishedRetention;
        await db.Set<OutboxMessage>().Where(message => message.PublishedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
