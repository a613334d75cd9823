using Marketplace.BuildingBlocks.Invocation;
using Marketplace.Checkout.Processing;
using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;
using Microsoft.Extensions.Options;

namespace Marketplace.Checkout.Peers;

/// <summary>The charges of concurrent checkouts, sent to the payment service in batches (<see cref="CallBatcher{TItem,TResult}"/>).</summary>
public sealed class PaymentsCalls(IServiceProvider services, IOptions<CheckoutOptions> options) : IAsyncDisposable
{
    private readonly CallBatcher<PaymentRequest, PaymentOutcome?> _charges = new(
        requests => services.GetRequiredService<PaymentsClient>().ChargeAllAsync(requests, options.Value.Currency, CancellationToken.None),
        options.Value.PeerBatchSize, options.Value.PeerBatchesInFlight);

    /// <summary>Charges the order once however often it is asked; any refusal is a failed payment.</summary>
    public async Task<PaymentOutcome> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken) =>
        await _charges.CallAsync(request, cancellationToken)
        ?? throw new TransientFailureException($"The charge of order {request.OrderId} is still in progress.");

    public ValueTask DisposeAsync() => _charges.DisposeAsync();
}
