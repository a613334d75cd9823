using Marketplace.BuildingBlocks.Invocation;
using Marketplace.Checkout.Processing;
using Marketplace.Checkout.Workflow;
using Microsoft.Extensions.Options;

namespace Marketplace.Checkout.Peers;

/// <summary>The reservations and commits of concurrent checkouts, sent to inventory in batches (<see cref="CallBatcher{TItem,TResult}"/>).</summary>
public sealed class InventoryCalls(IServiceProvider services, IOptions<CheckoutOptions> options) : IAsyncDisposable
{
    private readonly CallBatcher<StockRequest, StockReservation> _reservations = new(
        requests => services.GetRequiredService<InventoryClient>().ReserveAllAsync(requests, CancellationToken.None),
        options.Value.PeerBatchSize, options.Value.PeerBatchesInFlight);

    private readonly CallBatcher<Guid, StockCommit> _commits = new(
        reservationIds => services.GetRequiredService<InventoryClient>().CommitAllAsync(reservationIds, CancellationToken.None),
        options.Value.PeerBatchSize, options.Value.PeerBatchesInFlight);

    /// <summary>Reserves every line or none; a shortage comes back as the short items.</summary>
    public Task<StockReservation> ReserveAsync(StockRequest request, CancellationToken cancellationToken) =>
        _reservations.CallAsync(request, cancellationToken);

    /// <summary>Turns the reservation into a sale; answers the problem when inventory refuses.</summary>
    public Task<StockCommit> CommitAsync(Guid reservationId, CancellationToken cancellationToken) =>
        _commits.CallAsync(reservationId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _reservations.DisposeAsync();
        await _commits.DisposeAsync();
    }
}
