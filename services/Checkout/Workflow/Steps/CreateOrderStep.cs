using Marketplace.Checkout.Peers;
using Marketplace.Checkout.Saga;

namespace Marketplace.Checkout.Workflow.Steps;

/// <summary>Creates the Pending order from the cart (keyed by the checkout id); undone by cancelling it.</summary>
public sealed class CreateOrderStep(OrdersClient orders, ILogger<CreateOrderStep> logger) : ICompensableStep<CheckoutInput, OrderCreation>
{
    public string Name => StepNames.OrderCreated;
    public string CompensationName => StepNames.OrderCancelled;

    public Task<OrderCreation> ExecuteAsync(CheckoutInput input, CancellationToken cancellationToken) =>
        orders.CreateAsync(input, cancellationToken);

    public async Task CompensateAsync(CheckoutInput input, OrderCreation? output, string reason, CancellationToken cancellationToken)
    {
        if (output?.Order is not { } order)
        {
            // Without an answer there is no order id to cancel; an order created anyway stays Pending and holds nothing.
            logger.LogWarning("Checkout {CheckoutId}: the order may exist without an id to cancel it by", input.CheckoutId);
            return;
        }

        var (cancelled, rejection) = await orders.SetStatusAsync(order.OrderId, "Cancelled", reason, cancellationToken);
        if (!cancelled)
        {
            throw new InvalidOperationException($"Order {order.OrderId} could not be cancelled: {rejection}");
        }
    }
}
