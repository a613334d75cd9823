using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.Extensions.Options;

namespace Marketplace.Products.Storage.Mongo;

internal sealed class MongoProductStoreSetup(MongoProductStore store, IOptions<EventBusOptions> options) : IDocumentStoreSetup
{
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        store.CreateIndexesAsync(options.Value.PublishedRetention, cancellationToken);
}
