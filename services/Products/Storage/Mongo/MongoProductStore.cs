using MongoDB.Bson;
using MongoDB.Driver;

namespace Marketplace.Products.Storage.Mongo;

/// <summary>The service's MongoDB database: products, the outbox of their events, and the relay's lease.</summary>
internal sealed class MongoProductStore(IMongoDatabase database)
{
    /// <summary>The database used when the connection string names none.</summary>
    public const string DefaultDatabase = "product_service";

    public IMongoClient Client => database.Client;
    public IMongoDatabase Database => database;
    public IMongoCollection<MongoProductDocument> Products { get; } = database.GetCollection<MongoProductDocument>("products");
    public IMongoCollection<MongoOutboxDocument> Outbox { get; } = database.GetCollection<MongoOutboxDocument>("outbox");
    public IMongoCollection<BsonDocument> Leases { get; } = database.GetCollection<BsonDocument>("outbox_leases");

    /// <summary>Creates the collections' indexes (idempotent); published outbox documents expire after <paramref name="retention"/>.</summary>
    public async Task CreateIndexesAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        await Products.Indexes.CreateManyAsync(MongoProductQueries.Indexes(), cancellationToken);
        await Outbox.Indexes.CreateManyAsync(MongoOutboxDocument.Indexes(retention), cancellationToken);
    }
}
