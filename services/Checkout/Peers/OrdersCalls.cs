using Marketplace.BuildingBlocks.Invocation;
using Marketplace.Checkout.Processing;
using Marketplace.Checkout.Workflow;
using Microsoft.Extensions.Options;

namespace Marketplace.Checkout.Peers;

/// <summary>The creations and confirmations of concurrent checkouts' orders, sent to the order service in batches (<see cref="CallBatcher{TItem,TResult}"/>).</summary>
public sealed class OrdersCalls(IServiceProvider services, IOptions<CheckoutOptions> options) : IAsyncDisposable
{
    private readonly CallBatcher<CheckoutInput, OrderCreation> _creations = new(
        inputs => services.GetRequiredService<OrdersClient>().CreateAllAsync(inputs, CancellationToken.None),
        options.Value.PeerBatchSize, options.Value.PeerBatchesInFlight);

    private readonly CallBatcher<Guid, OrderConfirmation> _confirmations = new(
        orderIds => services.GetRequiredService<OrdersClient>().ConfirmAllAsync(orderIds, CancellationToken.None),
        options.Value.PeerBatchSize, options.Value.PeerBatchesInFlight);

    /// <summary>Creates the checkout's order from the cart, or answers why there is none.</summary>
    public Task<OrderCreation> CreateAsync(CheckoutInput input, CancellationToken cancellationToken) =>
        _creations.CallAsync(input, cancellationToken);

    /// <summary>Confirms the paid order; not confirmed, with the reason, when it can no longer be.</summary>
    public Task<OrderConfirmation> ConfirmAsync(Guid orderId, CancellationToken cancellationToken) =>
        _confirmations.CallAsync(orderId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _creations.DisposeAsync();
        await _confirmations.DisposeAsync();
    }
}
