using Marketplace.Orders.Ordering;

namespace Marketplace.Orders.Apis;

/// <summary>One order of a creation batch: the order (created or placed before), or why there is none.</summary>
public sealed record PlacementView(Guid CheckoutId, PlacementOutcome Outcome, OrderView? Order, string? Detail, IReadOnlyList<Guid>? ProductIds)
{
    public static PlacementView Of(Guid checkoutId, Placement placement) => placement.Order is { } order
        ? new(checkoutId, placement.Outcome, OrderView.Of(order), null, null)
        : new(checkoutId, placement.Outcome, null, Problem(placement.Outcome), placement.UnavailableProductIds);

    /// <summary>Why a checkout has no order, as the problem that <c>POST /api/orders</c> answers.</summary>
    public static string Problem(PlacementOutcome outcome) => outcome switch
    {
        PlacementOutcome.EmptyCart => "The cart is empty.",
        PlacementOutcome.ProductsUnavailable => "Some products in the cart are no longer in the catalog.",
        PlacementOutcome.CheckoutAbandoned => "This checkout was abandoned; it can no longer create an order.",
        _ => "This checkout id belongs to another user's order.",
    };
}
