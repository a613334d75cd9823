using Marketplace.Checkout.Peers;
using Marketplace.Checkout.Saga;

namespace Marketplace.Checkout.Workflow.Steps;

/// <summary>Turns the confirmed order's reservation into a sale.</summary>
public sealed class CommitStockStep(InventoryCalls inventory, ILogger<CommitStockStep> logger) : ISagaActivity<Guid, StockCommit>
{
    public string Name => StepNames.StockCommitted;

    public async Task<StockCommit> ExecuteAsync(Guid input, CancellationToken cancellationToken)
    {
        var commit = await inventory.CommitAsync(input, cancellationToken);
        if (!commit.Committed)
        {
            logger.LogError("Reservation {ReservationId} of a confirmed order could not be committed: {Problem}", input, commit.Problem);
        }

        return commit;
    }
}
