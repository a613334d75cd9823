using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Inventory.Infrastructure;
using Marketplace.Inventory.IntegrationEvents;
using Marketplace.Inventory.Stock;

namespace Marketplace.Inventory.Apis;

/// <summary>Follows the catalog: a new product gets an empty stock record, a deleted one stops taking reservations.</summary>
public static class ProductEventHandlers
{
    private const string Consumer = "inventory";

    public static IEndpointRouteBuilder MapProductEventHandlers(this IEndpointRouteBuilder app)
    {
        app.MapSubscription<ProductCreated>(async (ProductCreated evt, InventoryDbContext db, StockLedger ledger, CancellationToken cancellationToken) =>
        {
            await db.HandleOnceAsync(evt, Consumer, ct => ledger.ProductCreatedAsync(evt.ProductId, ct), cancellationToken);
            return EventResults.Success();
        });
        app.MapSubscription<ProductDeleted>(async (ProductDeleted evt, InventoryDbContext db, StockLedger ledger, CancellationToken cancellationToken) =>
        {
            await db.HandleOnceAsync(evt, Consumer, ct => ledger.ProductDeletedAsync(evt.ProductId, ct), cancellationToken);
            return EventResults.Success();
        });
        return app;
    }
}
