using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Orders.Catalog;
using Marketplace.Orders.Infrastructure;
using Marketplace.Orders.IntegrationEvents;

namespace Marketplace.Orders.Apis;

/// <summary>
/// Keeps the local catalog price view current from the catalog's events, so reading a cart can flag changed prices
/// without one catalog call per line (and still works while the catalog is down). Orders re-read the catalog anyway.
/// </summary>
public static class CatalogSubscriptions
{
    private const string Consumer = "orders-catalog-prices";

    public static IEndpointRouteBuilder MapCatalogSubscriptions(this IEndpointRouteBuilder app)
    {
        app.MapSubscription<ProductUpdated>(async (ProductUpdated updated, OrdersDbContext db, CatalogPriceView prices, CancellationToken cancellationToken) =>
        {
            await db.HandleOnceAsync(updated, Consumer, token => prices.RecordPriceAsync(updated.ProductId, updated.NewPrice, updated.OccurredAt, token), cancellationToken);
            return EventResults.Success();
        });
        app.MapSubscription<ProductDeleted>(async (ProductDeleted deleted, OrdersDbContext db, CatalogPriceView prices, CancellationToken cancellationToken) =>
        {
            await db.HandleOnceAsync(deleted, Consumer, token => prices.RecordDeletionAsync(deleted.ProductId, deleted.OccurredAt, token), cancellationToken);
            return EventResults.Success();
        });
        return app;
    }
}
