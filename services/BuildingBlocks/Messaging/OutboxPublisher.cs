using Marketplace.BuildingBlocks.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>
/// Publishes a store's outbox until the broker accepts every event: a batch at a time, in order, woken by the
/// <see cref="OutboxSignal"/> after a commit or else every poll interval, and passes that published something at
/// least <see cref="EventBusOptions.OutboxPassSpacing"/> apart. A store brings the claiming of a batch
/// and the recording of the outcome.
/// </summary>
public abstract class OutboxPublisher(
    IEventTransport transport,
    OutboxSignal signal,
    MarketplaceRuntime runtime,
    IOptions<EventBusOptions> options,
    ILogger logger) : BackgroundService
{
    protected const int BatchSize = 100;
    private const int MaxErrorLength = 2000;

    // After failed passes in a row (the database unreachable) the waits double up to this, so that an outage costs
    // a pass and a logged stack trace every half minute instead of every poll; a commit still wakes the relay at once.
    private static readonly TimeSpan MaxFailureBackoff = TimeSpan.FromSeconds(30);

    protected EventBusOptions Options => options.Value;

    /// <summary>Publishes one batch of pending messages; returns how many were published.</summary>
    public abstract Task<int> PublishBatchAsync(CancellationToken cancellationToken);

    /// <summary>Removes published messages older than the retention, where the store does not expire them itself.</summary>
    protected virtual Task CleanupAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failuresInARow = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await PublishBatchAsync(stoppingToken);
                await CleanupAsync(stoppingToken);
                failuresInARow = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failuresInARow++;
                logger.LogWarning(exception, "Outbox relay pass failed ({Failures} in a row); retrying", failuresInARow);
            }

            if (published < BatchSize)
            {
                try
                {
                    if (published > 0)
                    {
                        // Commits arriving meanwhile set the signal, so the next pass takes them all.
                        await Task.Delay(Options.OutboxPassSpacing, stoppingToken);
                    }

                    await signal.WaitAsync(failuresInARow == 0 ? Options.OutboxPollInterval : Backoff(failuresInARow), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private TimeSpan Backoff(int failuresInARow) =>
        TimeSpan.FromTicks(Math.Min(Options.OutboxPollInterval.Ticks << Math.Min(failuresInARow - 1, 10), MaxFailureBackoff.Ticks));

    /// <summary>
    /// Hands the messages to the broker in order, setting <see cref="OutboxMessage.PublishedAt"/> on each one accepted;
    /// the first failure is recorded on its message and ends the pass, so later events never overtake it.
    /// </summary>
    protected async Task<int> PublishInOrderAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var published = 0;
        foreach (var message in batch)
        {
            try
            {
                await transport.PublishAsync(message.ToCloudEvent(runtime.AppId, Options.PubSubName), cancellationToken);
                message.PublishedAt = DateTimeOffset.UtcNow;
                message.LastError = null;
                published++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                message.Attempts++;
                message.LastError = exception.Message.Length > MaxErrorLength ? exception.Message[..MaxErrorLength] : exception.Message;
                logger.LogWarning("Publishing event {EventId} to {Topic} failed (attempt {Attempt}): {Error}", message.Id, message.Topic, message.Attempts, exception.Message);
                break;
            }
        }

        return published;
    }
}
