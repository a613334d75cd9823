using Marketplace.BuildingBlocks.Invocation;

namespace Marketplace.Orders.Catalog;

/// <summary>
/// The product look-ups of concurrent additions to carts, sent to the catalog together: one <c>lookup</c> call (one
/// query) for all that queued while the previous ones were on their way (<see cref="CallBatcher{TItem,TResult}"/>).
/// </summary>
public sealed class CatalogLookups(IServiceProvider services) : IAsyncDisposable
{
    private const int MaxBatchSize = 32;
    private const int MaxInFlight = 2;

    private readonly CallBatcher<Guid, CatalogProduct?> _lookups = new(
        async productIds =>
        {
            var found = await services.GetRequiredService<ProductCatalogClient>().FindAllAsync(productIds, CancellationToken.None);
            return productIds.Select(id => found[id]).ToList();
        },
        MaxBatchSize, MaxInFlight);

    /// <summary>The product as the catalog has it now, or null when it is unknown or deleted.</summary>
    public Task<CatalogProduct?> FindAsync(Guid productId, CancellationToken cancellationToken) => _lookups.CallAsync(productId, cancellationToken);

    public ValueTask DisposeAsync() => _lookups.DisposeAsync();
}
