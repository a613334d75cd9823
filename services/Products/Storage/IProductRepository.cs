using Marketplace.Products.Domain;
using Marketplace.Products.IntegrationEvents;

namespace Marketplace.Products.Storage;

/// <summary>
/// Product documents, in MongoDB or in PostgreSQL jsonb. Every write stores its event in the PostgreSQL outbox:
/// in the same transaction with jsonb, and committed only after the MongoDB write succeeded with MongoDB.
/// </summary>
public interface IProductRepository
{
    Task<Product?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<ProductPage> ListAsync(ProductQuery query, CancellationToken cancellationToken);

    /// <summary>Every category with its number of products, by name.</summary>
    Task<IReadOnlyList<CategoryCount>> CategoriesAsync(CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);

    Task AddAsync(Product product, ProductCreated created, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the current version atomically (no lost update) and records the event
    /// built from the versions before and after. Null when the product does not exist.
    /// </summary>
    Task<Product?> UpdateAsync(Guid id, Func<Product, Product> change, Func<Product, Product, ProductUpdated> updated, CancellationToken cancellationToken);

    /// <summary>False when the product does not exist.</summary>
    Task<bool> DeleteAsync(Guid id, ProductDeleted deleted, CancellationToken cancellationToken);
}

/// <summary>Prepares a document store before the service takes traffic (indexes, collections).</summary>
public interface IDocumentStoreSetup
{
    Task EnsureCreatedAsync(CancellationToken cancellationToken);
}
