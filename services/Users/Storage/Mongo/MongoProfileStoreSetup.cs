using Marketplace.BuildingBlocks.Persistence;
using MongoDB.Driver;

namespace Marketplace.Users.Storage.Mongo;

internal sealed class MongoProfileStoreSetup(IMongoCollection<MongoProfileDocument> profiles) : IDocumentStoreSetup
{
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        profiles.Indexes.CreateManyAsync(MongoProfileDefinitions.Indexes(), cancellationToken);
}
