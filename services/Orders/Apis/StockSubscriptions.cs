using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Orders.Carts;
using Marketplace.Orders.IntegrationEvents;

namespace Marketplace.Orders.Apis;

/// <summary>
/// Keeps the local view of sold-out products current from inventory's events. Each write lands only when it is newer
/// than what the view holds, so a redelivered or overtaken event changes nothing and needs no inbox.
/// </summary>
public static class StockSubscriptions
{
    public static IEndpointRouteBuilder MapStockSubscriptions(this IEndpointRouteBuilder app)
    {
        app.MapSubscription<ProductSoldOut>(async (ProductSoldOut soldOut, AvailabilityView availability, CancellationToken cancellationToken) =>
        {
            await availability.RecordAsync(soldOut.ProductId, soldOut: true, soldOut.OccurredAt, cancellationToken);
            return EventResults.Success();
        });
        app.MapSubscription<ProductBackInStock>(async (ProductBackInStock backInStock, AvailabilityView availability, CancellationToken cancellationToken) =>
        {
            await availability.RecordAsync(backInStock.ProductId, soldOut: false, backInStock.OccurredAt, cancellationToken);
            return EventResults.Success();
        });
        return app;
    }
}
