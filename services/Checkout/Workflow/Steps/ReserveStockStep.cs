using Marketplace.Checkout.Peers;
using Marketplace.Checkout.Saga;

namespace Marketplace.Checkout.Workflow.Steps;

/// <summary>Reserves every item in one batch keyed by the checkout id; undone by releasing the reservation.</summary>
public sealed class ReserveStockStep(InventoryCalls calls, InventoryClient inventory) : ICompensableStep<StockRequest, StockReservation>
{
    public string Name => StepNames.StockReserved;
    public string CompensationName => StepNames.StockReleased;

    public Task<StockReservation> ExecuteAsync(StockRequest input, CancellationToken cancellationToken) =>
        calls.ReserveAsync(input, cancellationToken);

    /// <summary>A shortage reserved nothing; an unknown outcome is released anyway (releasing nothing is a no-op).</summary>
    public Task CompensateAsync(StockRequest input, StockReservation? output, string reason, CancellationToken cancellationToken) =>
        output is { Reserved: false } ? Task.CompletedTask : inventory.ReleaseAsync(input.ReservationId, cancellationToken);
}
