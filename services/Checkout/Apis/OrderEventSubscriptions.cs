using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Checkout.IntegrationEvents;
using Marketplace.Checkout.Processing;

namespace Marketplace.Checkout.Apis;

public static class OrderEventSubscriptions
{
    public static IEndpointRouteBuilder MapOrderEventSubscriptions(this IEndpointRouteBuilder app)
    {
        app.MapSubscription<OrderCancelled>((OrderCancelled cancelled, CancelledOrderReleases releases, CancellationToken cancellationToken) =>
            releases.HandleAsync(cancelled, cancellationToken));
        return app;
    }
}
