using System.Net;
using System.Text.Json.Nodes;
using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;

namespace Marketplace.Checkout.Peers;

/// <summary>The order service's internal routes (docs/internal-api.md, orders).</summary>
public sealed class OrdersClient(HttpClient http)
{
    public const int MaxReasonLength = 500;

    /// <summary>Creates the order from the user's cart, idempotently by checkout id.</summary>
    public async Task<OrderCreation> CreateAsync(CheckoutInput input, CancellationToken cancellationToken)
    {
        var body = new { input.CheckoutId, input.UserId, input.ShippingAddress };
        using var response = await http.SendAsync(HttpMethod.Post, "/api/orders", body, $"order:{input.CheckoutId}", cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var order = await response.ReadDataAsync<OrderData>(cancellationToken);
            return new OrderCreation(new PlacedOrder(order.Id, order.TotalAmount, order.Items));
        }

        // An empty cart (400), or products gone from the catalog (409, naming them): the cart cannot become an order.
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
        {
            var problem = await response.ReadProblemAsync(cancellationToken);
            var unavailable = (problem["productIds"] as JsonArray)?.Select(id => (Guid)id!).ToList();
            return new OrderCreation(null, PeerCall.Detail(problem), unavailable is { Count: > 0 } ? unavailable : null);
        }

        throw await response.RejectedAsync("Creating the order", cancellationToken);
    }

    /// <summary>
    /// Confirms paid orders, several in one call; each comes back confirmed (also when it was already), or not with the
    /// reason (an order cancelled meanwhile, or one the order service does not have).
    /// </summary>
    public async Task<IReadOnlyList<OrderConfirmation>> ConfirmAllAsync(IReadOnlyList<Guid> orderIds, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(HttpMethod.Post, "/api/orders/status/batch", new { status = "Confirmed", orderIds }, idempotencyKey: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await response.RejectedAsync("Confirming orders", cancellationToken);
        }

        var changes = await response.ReadDataAsync<List<StatusChange>>(cancellationToken);
        return changes.ConvertAll(change => change.Outcome is "Changed" or "AlreadyInStatus"
            ? new OrderConfirmation(true, null)
            : new OrderConfirmation(false, change.Detail));
    }

    /// <summary>
    /// Abandons the checkout: the order it created, whether or not its creation was ever answered, is cancelled, and
    /// a create still on its way is refused. Throws when the order can no longer be cancelled.
    /// </summary>
    public async Task AbandonAsync(Guid checkoutId, string reason, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(HttpMethod.Post, $"/api/orders/checkouts/{checkoutId}/abandon", new { reason = reason.Bounded(MaxReasonLength) }, $"order-abandon:{checkoutId}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await response.RejectedAsync($"Abandoning checkout {checkoutId}", cancellationToken);
        }
    }

    private sealed record StatusChange(Guid OrderId, string Outcome, string? Detail);

    private sealed record OrderData(Guid Id, decimal TotalAmount, IReadOnlyList<OrderLine> Items);
}
