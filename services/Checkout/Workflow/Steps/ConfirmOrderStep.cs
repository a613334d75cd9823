using Marketplace.Checkout.Peers;
using Marketplace.Checkout.Saga;

namespace Marketplace.Checkout.Workflow.Steps;

/// <summary>Confirms the paid order: the saga's pivot, after which nothing is undone.</summary>
public sealed class ConfirmOrderStep(OrdersCalls orders) : ISagaActivity<Guid, OrderConfirmation>
{
    public string Name => StepNames.OrderConfirmed;

    public Task<OrderConfirmation> ExecuteAsync(Guid input, CancellationToken cancellationToken) => orders.ConfirmAsync(input, cancellationToken);
}
