using MongoDB.Driver;

namespace Marketplace.Products.Storage.Mongo;

internal sealed class MongoProductStoreSetup(IMongoCollection<MongoProductDocument> products) : IDocumentStoreSetup
{
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        products.Indexes.CreateManyAsync(MongoProductQueries.Indexes(), cancellationToken);
}
