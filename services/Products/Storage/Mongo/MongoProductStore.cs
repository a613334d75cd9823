using MongoDB.Bson;
using MongoDB.Driver;

namespace Marketplace.Products.Storage.Mongo;

/// <summary>The service's MongoDB database: products, the outbox of their events, and the relay's lease.</summary>
internal sealed class MongoProductStore
{
    public const string DefaultDatabase = "product_service";

    private MongoProductStore(IMongoClient client, IMongoDatabase database)
    {
        Client = client;
        Database = database;
        Products = database.GetCollection<MongoProductDocument>("products");
        Outbox = database.GetCollection<MongoOutboxDocument>("outbox");
        Leases = database.GetCollection<BsonDocument>("outbox_leases");
    }

    public IMongoClient Client { get; }
    public IMongoDatabase Database { get; }
    public IMongoCollection<MongoProductDocument> Products { get; }
    public IMongoCollection<MongoOutboxDocument> Outbox { get; }
    public IMongoCollection<BsonDocument> Leases { get; }

    /// <summary>The database named in the connection string, else <c>product_service</c> (or <paramref name="database"/>).</summary>
    public static MongoProductStore Connect(string connectionString, string? database = null)
    {
        var url = MongoUrl.Create(connectionString);
        var client = new MongoClient(url);
        return new MongoProductStore(client, client.GetDatabase(database ?? url.DatabaseName ?? DefaultDatabase));
    }

    /// <summary>Creates the collections' indexes (idempotent); published outbox documents expire after <paramref name="retention"/>.</summary>
    public async Task CreateIndexesAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        await Products.Indexes.CreateManyAsync(MongoProductQueries.Indexes(), cancellationToken);
        await Outbox.Indexes.CreateManyAsync(MongoOutboxDocument.Indexes(retention), cancellationToken);
    }
}
