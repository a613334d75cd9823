using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Products.Domain;
using Marketplace.Products.IntegrationEvents;
using MongoDB.Driver;

namespace Marketplace.Products.Storage.Mongo;

/// <summary>
/// Products in MongoDB. Each write and its event commit in one MongoDB transaction: the product change plus a
/// document in the <c>outbox</c> collection, which <see cref="MongoOutboxRelay"/> publishes. So a failed write
/// publishes nothing and a committed one is never lost. Transactions need a replica set (a single node will do).
/// </summary>
internal sealed class MongoProductRepository(MongoProductStore store, OutboxSignal signal) : IProductRepository
{
    private IMongoCollection<MongoProductDocument> Products => store.Products;

    public async Task<Product?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var doc = await Products.Find(d => d.Id == id).FirstOrDefaultAsync(cancellationToken);
        return doc?.ToProduct();
    }

    public async Task<IReadOnlyList<Product>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var docs = await Products.Find(Builders<MongoProductDocument>.Filter.In(d => d.Id, ids)).ToListAsync(cancellationToken);
        return docs.Select(d => d.ToProduct()).ToList();
    }

    public async Task<ProductPage> ListAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var filter = MongoProductQueries.Where(query);
        var total = await Products.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        if (total <= query.Skip)
        {
            return new ProductPage([], total);
        }

        var docs = await Products.Find(filter).Sort(MongoProductQueries.OrderBy(query.Sort))
            .Skip(query.Skip).Limit(query.Limit).ToListAsync(cancellationToken);
        return new ProductPage(docs.Select(d => d.ToProduct()).ToList(), total);
    }

    public async Task<IReadOnlyList<CategoryCount>> CategoriesAsync(CancellationToken cancellationToken)
    {
        var groups = await Products.Aggregate(MongoProductQueries.CategoryCounts(), cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        return groups.Select(g => new CategoryCount(g["_id"].AsString, g["count"].ToInt64())).ToList();
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        Products.CountDocumentsAsync(FilterDefinition<MongoProductDocument>.Empty, cancellationToken: cancellationToken);

    public Task AddAsync(Product product, CancellationToken cancellationToken) =>
        InTransactionAsync(async (session, ct) =>
        {
            await Products.InsertOneAsync(session, MongoProductDocument.From(product), cancellationToken: ct);
            await store.Outbox.InsertOneAsync(session, Outboxed(ProductCreated.Of(product)), cancellationToken: ct);
            return true;
        }, cancellationToken);

    public Task AddManyAsync(IReadOnlyCollection<Product> products, CancellationToken cancellationToken) =>
        InTransactionAsync(async (session, ct) =>
        {
            await Products.InsertManyAsync(session, products.Select(MongoProductDocument.From), cancellationToken: ct);
            await store.Outbox.InsertManyAsync(session, products.Select(product => Outboxed(ProductCreated.Of(product))), cancellationToken: ct);
            return true;
        }, cancellationToken);

    /// <summary>A concurrent change of the same product aborts the transaction with a write conflict, and it is retried.</summary>
    public Task<Product?> UpdateAsync(Guid id, Func<Product, Product> change, CancellationToken cancellationToken) =>
        InTransactionAsync<Product?>(async (session, ct) =>
        {
            var current = await Products.Find(session, d => d.Id == id).FirstOrDefaultAsync(ct);
            if (current is null)
            {
                return null;
            }

            var before = current.ToProduct();
            var after = change(before);
            await Products.ReplaceOneAsync(session, d => d.Id == id, MongoProductDocument.From(after), cancellationToken: ct);
            await store.Outbox.InsertOneAsync(session, Outboxed(ProductUpdated.Of(before, after)), cancellationToken: ct);
            return after;
        }, cancellationToken);

    public Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        InTransactionAsync(async (session, ct) =>
        {
            var result = await Products.DeleteOneAsync(session, d => d.Id == id, cancellationToken: ct);
            if (result.DeletedCount == 0)
            {
                return false;
            }

            await store.Outbox.InsertOneAsync(session, Outboxed(new ProductDeleted(id)), cancellationToken: ct);
            return true;
        }, cancellationToken);

    private static MongoOutboxDocument Outboxed<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent => MongoOutboxDocument.From(OutboxMessage.For(integrationEvent));

    /// <summary>Runs <paramref name="write"/> in a transaction (retried on transient errors), then wakes the relay.</summary>
    private async Task<TResult> InTransactionAsync<TResult>(
        Func<IClientSessionHandle, CancellationToken, Task<TResult>> write, CancellationToken cancellationToken)
    {
        using var session = await store.Client.StartSessionAsync(cancellationToken: cancellationToken);
        var result = await session.WithTransactionAsync(write, cancellationToken: cancellationToken);
        signal.Notify();
        return result;
    }
}
