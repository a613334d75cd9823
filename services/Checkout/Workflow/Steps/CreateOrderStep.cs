using Marketplace.Checkout.Peers;
using Marketplace.Checkout.Saga;

namespace Marketplace.Checkout.Workflow.Steps;

/// <summary>
/// Creates the Pending order from the cart (keyed by the checkout id). Undone by abandoning the checkout, which cancels
/// the order even when the create was never answered, and refuses a create that arrives late.
/// </summary>
public sealed class CreateOrderStep(OrdersCalls calls, OrdersClient orders) : ICompensableStep<CheckoutInput, OrderCreation>
{
    public string Name => StepNames.OrderCreated;
    public string CompensationName => StepNames.OrderCancelled;

    public Task<OrderCreation> ExecuteAsync(CheckoutInput input, CancellationToken cancellationToken) =>
        calls.CreateAsync(input, cancellationToken);

    public Task CompensateAsync(CheckoutInput input, OrderCreation? output, string reason, CancellationToken cancellationToken) =>
        orders.AbandonAsync(input.CheckoutId, reason, cancellationToken);
}
