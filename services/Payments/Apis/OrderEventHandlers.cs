using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Payments.IntegrationEvents;
using Marketplace.Payments.Processing;

namespace Marketplace.Payments.Apis;

public static class OrderEventHandlers
{
    public static IEndpointRouteBuilder MapOrderEventHandlers(this IEndpointRouteBuilder app)
    {
        app.MapSubscription<OrderCancelled>(async (OrderCancelled orderCancelled, CancelledOrderRefunds refunds, CancellationToken cancellationToken) =>
            await refunds.HandleAsync(orderCancelled, cancellationToken) ? EventResults.Success() : EventResults.Retry());
        return app;
    }
}
