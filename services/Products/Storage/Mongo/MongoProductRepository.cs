using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Products.Domain;
using Marketplace.Products.Infrastructure;
using Marketplace.Products.IntegrationEvents;
using MongoDB.Driver;

namespace Marketplace.Products.Storage.Mongo;

/// <summary>
/// Products in MongoDB. The event goes into the PostgreSQL outbox inside a transaction that commits only after
/// the MongoDB write succeeded, so a failed write publishes nothing. (A crash between the two commits can still
/// lose an event: the gap of any two-store write without a distributed transaction.)
/// </summary>
internal sealed class MongoProductRepository(IMongoCollection<MongoProductDocument> products, ProductsDbContext db) : IProductRepository
{
    private const int MaxUpdateAttempts = 10;

    public async Task<Product?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var doc = await products.Find(d => d.Id == id).FirstOrDefaultAsync(cancellationToken);
        return doc?.ToProduct();
    }

    public async Task<ProductPage> ListAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var filter = MongoProductQueries.Where(query);
        var total = await products.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        if (total <= query.Skip)
        {
            return new ProductPage([], total);
        }

        var docs = await products.Find(filter).Sort(MongoProductQueries.OrderBy(query.Sort))
            .Skip(query.Skip).Limit(query.Limit).ToListAsync(cancellationToken);
        return new ProductPage(docs.Select(d => d.ToProduct()).ToList(), total);
    }

    public async Task<IReadOnlyList<CategoryCount>> CategoriesAsync(CancellationToken cancellationToken)
    {
        var groups = await products.Aggregate(MongoProductQueries.CategoryCounts(), cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        return groups.Select(g => new CategoryCount(g["_id"].AsString, g["count"].ToInt64())).ToList();
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        products.CountDocumentsAsync(FilterDefinition<MongoProductDocument>.Empty, cancellationToken: cancellationToken);

    public Task AddAsync(Product product, ProductCreated created, CancellationToken cancellationToken) =>
        WithOutboxAsync(created, async () =>
        {
            await products.InsertOneAsync(MongoProductDocument.From(product, version: 1), cancellationToken: cancellationToken);
            return true;
        }, cancellationToken);

    public async Task<Product?> UpdateAsync(Guid id, Func<Product, Product> change, Func<Product, Product, ProductUpdated> updated, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var current = await products.Find(d => d.Id == id).FirstOrDefaultAsync(cancellationToken);
            if (current is null)
            {
                return null;
            }

            var before = current.ToProduct();
            var after = change(before);
            var replaced = await WithOutboxAsync(updated(before, after), async () =>
            {
                var result = await products.ReplaceOneAsync(
                    d => d.Id == id && d.Version == current.Version,
                    MongoProductDocument.From(after, current.Version + 1),
                    cancellationToken: cancellationToken);
                return result.MatchedCount == 1;
            }, cancellationToken);
            if (replaced)
            {
                return after;
            }
        }

        throw new InvalidOperationException($"Product {id} kept changing; the update was not applied.");
    }

    public Task<bool> DeleteAsync(Guid id, ProductDeleted deleted, CancellationToken cancellationToken) =>
        WithOutboxAsync(deleted, async () =>
        {
            var result = await products.DeleteOneAsync(d => d.Id == id, cancellationToken);
            return result.DeletedCount == 1;
        }, cancellationToken);

    /// <summary>Stores the event, runs the MongoDB write, and commits the event only when the write took effect.</summary>
    private async Task<bool> WithOutboxAsync<TEvent>(TEvent integrationEvent, Func<Task<bool>> write, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.AddEvent(integrationEvent);
        await db.SaveChangesAsync(cancellationToken);
        if (!await write())
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
