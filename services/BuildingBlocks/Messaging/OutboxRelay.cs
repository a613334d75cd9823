using System.Text.Json.Nodes;
using Marketplace.BuildingBlocks.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>
/// Publishes outbox rows until the broker accepts them. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>,
/// so several instances never publish one row at once; a crash before a row is marked means it is published
/// again, and the subscriber's inbox absorbs the repeat.
/// </summary>
public sealed class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    IEventTransport transport,
    OutboxSignal signal,
    MarketplaceRuntime runtime,
    IOptions<EventBusOptions> options,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private const int BatchSize = 100;
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await PublishBatchAsync(stoppingToken);
                await CleanupAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Outbox relay pass failed; retrying");
            }

            if (published < BatchSize)
            {
                try
                {
                    await signal.WaitAsync(options.Value.OutboxPollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Publishes one batch of pending rows; returns how many were published.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.Set<OutboxMessage>()
            .FromSql($"SELECT * FROM outbox_messages WHERE published_at IS NULL ORDER BY occurred_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var published = 0;
        foreach (var message in batch)
        {
            try
            {
                await transport.PublishAsync(ToCloudEvent(message), cancellationToken);
                message.PublishedAt = DateTimeOffset.UtcNow;
                message.LastError = null;
                published++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                message.Attempts++;
                message.LastError = exception.Message.Length > 2000 ? exception.Message[..2000] : exception.Message;
                logger.LogWarning("Publishing event {EventId} to {Topic} failed (attempt {Attempt}): {Error}", message.Id, message.Topic, message.Attempts, exception.Message);
                break; // keep order: the rest of the batch waits for the broker to come back
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return published;
    }

    private CloudEvent ToCloudEvent(OutboxMessage message) => new()
    {
        Id = message.Id.ToString(),
        Source = runtime.AppId,
        Type = message.Topic,
        Topic = message.Topic,
        PubSubName = options.Value.PubSubName,
        Time = message.OccurredAt,
        CorrelationId = message.CorrelationId,
        TraceParent = message.TraceParent,
        Data = JsonNode.Parse(message.Payload)!,
    };

    private async Task CleanupAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow < _nextCleanup)
        {
            return;
        }

        _nextCleanup = DateTimeOffset.UtcNow.AddHours(1);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = DateTimeOffset.UtcNow - options.Value.PublishedRetention;
        await db.Set<OutboxMessage>().Where(message => message.PublishedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
