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

    protected EventBusOptions Options => options.Value;

    /// <summary>Publishes one batch of pending messages; returns how many were published.</summary>
    public abstract Task<int> PublishBatchAsync(CancellationToken cancellationToken);

    /// <summary>Removes published messages older than the retention, where the store does not expire them itself.</summary>
    protected virtual Task CleanupAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
                    if (published > 0)
                    {
                        // Commits arriving meanwhile set the signal, so the next pass takes them all.
                        await Task.Delay(Options.OutboxPassSpacing, stoppingToken);
                    }

                    await signal.WaitAsync(Options.OutboxPollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

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
