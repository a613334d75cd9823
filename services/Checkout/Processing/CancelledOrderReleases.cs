using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Checkout.Infrastructure;
using Marketplace.Checkout.IntegrationEvents;
using Marketplace.Checkout.Peers;
using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;

namespace Marketplace.Checkout.Processing;

/// <summary>
/// When an order this service confirmed is cancelled afterwards, its sold stock goes back on the shelf (the payment
/// service refunds the money on the same event). Cancellations made by the saga's own compensation need nothing:
/// the saga released the stock itself.
/// </summary>
public sealed class CancelledOrderReleases(CheckoutDbContext db, SagaStore store, InventoryClient inventory, ILogger<CancelledOrderReleases> logger)
{
    public const string Consumer = "checkout-release-cancelled-order";

    public async Task<IResult> HandleAsync(OrderCancelled cancelled, CancellationToken cancellationToken)
    {
        var saga = await store.FindAsync(cancelled.CheckoutId, cancellationToken);
        if (saga is null)
        {
            return EventResults.Success();
        }

        if (saga.Status != SagaStatus.Completed)
        {
            // The saga is still deciding; once it has, this delivery is tried again.
            return EventResults.Retry();
        }

        var result = SagaJson.Deserialize<CheckoutResult>(saga.Result);
        if (result.Outcome != CheckoutOutcome.Confirmed || result.OrderId != cancelled.OrderId)
        {
            return EventResults.Success();
        }

        try
        {
            await db.HandleOnceAsync(cancelled, Consumer, ct => inventory.ReleaseAsync(cancelled.CheckoutId, ct), cancellationToken);
            logger.LogInformation("Released the stock of cancelled order {OrderId}", cancelled.OrderId);
            return EventResults.Success();
        }
        catch (TransientFailureException failure)
        {
            logger.LogWarning("Releasing the stock of cancelled order {OrderId} failed; retrying: {Error}", cancelled.OrderId, failure.Message);
            return EventResults.Retry();
        }
    }
}
