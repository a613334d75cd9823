using Marketplace.Checkout.Peers;
using Marketplace.Checkout.Saga;

namespace Marketplace.Checkout.Workflow.Steps;

/// <summary>Confirms the paid order: the saga's pivot, after which nothing is undone.</summary>
public sealed class ConfirmOrderStep(OrdersClient orders) : ISagaActivity<Guid, OrderConfirmation>
{
    public string Name => StepNames.OrderConfirmed;

    public async Task<OrderConfirmation> ExecuteAsync(Guid input, CancellationToken cancellationToken)
    {
        var (confirmed, rejection) = await orders.ConfirmAsync(input, cancellationToken);
        return new OrderConfirmation(confirmed, rejection);
    }
}
