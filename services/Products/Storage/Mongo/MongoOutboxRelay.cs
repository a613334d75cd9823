using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Runtime;
using MongoDB.Driver;
using Microsoft.Extensions.Options;

namespace Marketplace.Products.Storage.Mongo;

/// <summary>
/// Publishes the <c>outbox</c> collection. One instance at a time holds the relay lease (a document whose expiry
/// the holder pushes forward every pass), so instances never publish one event at once; a crash before an event
/// is marked means it is published again, and the subscriber's inbox absorbs the repeat.
/// </summary>
internal sealed class MongoOutboxRelay(
    MongoProductStore store,
    IEventTransport transport,
    OutboxSignal signal,
    MarketplaceRuntime runtime,
    IOptions<EventBusOptions> options,
    ILogger<MongoOutboxRelay> logger) : OutboxPublisher(transport, signal, runtime, options, logger)
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private readonly string _holder = Guid.NewGuid().ToString("N");

    public override async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        if (!await TryHoldLeaseAsync(cancellationToken))
        {
            return 0;
        }

        var pending = await store.Outbox.Find(MongoOutboxDocument.Unpublished).Sort(MongoOutboxDocument.InOrder)
            .Limit(BatchSize).ToListAsync(cancellationToken);
        var messages = pending.Select(document => document.ToMessage()).ToList();
        var published = await PublishInOrderAsync(messages, cancellationToken);

        // The published messages, and the one that failed (if any) with its attempt and error.
        var outcomes = messages.Take(published + 1)
            .Select(message => new ReplaceOneModel<MongoOutboxDocument>(
                Builders<MongoOutboxDocument>.Filter.Eq(d => d.Id, message.Id), MongoOutboxDocument.From(message)))
            .ToList();
        if (outcomes.Count > 0)
        {
            await store.Outbox.BulkWriteAsync(outcomes, cancellationToken: cancellationToken);
        }

        return published;
    }

    private async Task<bool> TryHoldLeaseAsync(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        try
        {
            await store.Leases.UpdateOneAsync(
                MongoOutboxDocument.LeaseAvailableTo(_holder, now),
                MongoOutboxDocument.TakeLease(_holder, now + LeaseDuration),
                new UpdateOptions { IsUpsert = true },
                cancellationToken);
            return true;
        }
        catch (MongoWriteException exception) when (exception.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            // Another instance holds an unexpired lease: the upsert's insert of the lease id collided.
            return false;
        }
    }
}
