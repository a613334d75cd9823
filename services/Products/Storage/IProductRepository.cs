using Marketplace.Products.Domain;

namespace Marketplace.Products.Storage;

/// <summary>
/// Product documents, in PostgreSQL jsonb or in MongoDB. Every write records its event (<c>ProductCreated</c>,
/// <c>ProductUpdated</c>, <c>ProductDeleted</c>) in an outbox atomically with the change.
/// </summary>
public interface IProductRepository
{
    Task<Product?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The products among <paramref name="ids"/> that exist, in no particular order.</summary>
    Task<IReadOnlyList<Product>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    Task<ProductPage> ListAsync(ProductQuery query, CancellationToken cancellationToken);

    /// <summary>Every category with its number of products, by name.</summary>
    Task<IReadOnlyList<CategoryCount>> CategoriesAsync(CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);

    Task AddAsync(Product product, CancellationToken cancellationToken);

    /// <summary>Bulk load (demo and benchmark catalogs): all products and their events in one write.</summary>
    Task AddManyAsync(IReadOnlyCollection<Product> products, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the current version atomically (no lost update).
    /// Null when the product does not exist.
    /// </summary>
    Task<Product?> UpdateAsync(Guid id, Func<Product, Product> change, CancellationToken cancellationToken);

    /// <summary>False when the product does not exist.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);
}
