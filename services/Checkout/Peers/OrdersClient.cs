using System.Net;
using System.Text.Json.Nodes;
using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;

namespace Marketplace.Checkout.Peers;

/// <summary>The order service's internal routes (docs/internal-api.md, orders).</summary>
public sealed class OrdersClient(HttpClient http)
{
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Creates each checkout's order from its user's cart, idempotently by checkout id, several in one call; a cart that
    /// cannot become an order (empty, products gone from the catalog, checkout abandoned) comes back with the reason.
    /// </summary>
    public async Task<IReadOnlyList<OrderCreation>> CreateAllAsync(IReadOnlyList<CheckoutInput> inputs, CancellationToken cancellationToken)
    {
        var body = new { orders = inputs.Select(input => new { input.CheckoutId, input.UserId, input.ShippingAddress }) };
        using var response = await http.SendAsync(HttpMethod.Post, "/api/orders/batch", body, idempotencyKey: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await response.RejectedAsync("Creating orders", cancellationToken);
        }

        var placements = await response.ReadDataAsync<List<Placement>>(cancellationToken);
        return placements.ConvertAll(placement => placement.Order is { } order
            ? new OrderCreation(new PlacedOrder(order.Id, order.TotalAmount, order.Items))
            : new OrderCreation(null, placement.Detail, placement.ProductIds is { Count: > 0 } unavailable ? unavailable : null));
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

    private sealed record Placement(Guid CheckoutId, OrderData? Order, string? Detail, List<Guid>? ProductIds);

    private sealed record OrderData(Guid Id, decimal TotalAmount, IReadOnlyList<OrderLine> Items);
}
