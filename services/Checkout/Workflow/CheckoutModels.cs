namespace Marketplace.Checkout.Workflow;

public sealed record ShippingAddress(string Street, string City, string Zip, string Country);

/// <summary>
/// The saga's input: the checkout id keys the order and the stock reservation. With an expected total the buyer is
/// charged only that: an order that comes to anything else (prices changed since the cart was shown) is undone.
/// </summary>
public sealed record CheckoutInput(Guid CheckoutId, Guid UserId, ShippingAddress ShippingAddress, string PaymentMethod, decimal? ExpectedTotal = null);

public sealed record OrderLine(Guid ProductId, int Quantity);

public sealed record PlacedOrder(Guid OrderId, decimal TotalAmount, IReadOnlyList<OrderLine> Items);

/// <summary>The created order, or why there is none (with the cart's products the catalog no longer has, if that is why).</summary>
public sealed record OrderCreation(PlacedOrder? Order, string? Rejection = null, IReadOnlyList<Guid>? UnavailableProducts = null);

public sealed record StockRequest(Guid ReservationId, IReadOnlyList<OrderLine> Items);

public sealed record StockShortage(Guid ProductId, int Requested, int Available);

public sealed record StockReservation(bool Reserved, IReadOnlyList<StockShortage> Shortages);

public sealed record PaymentRequest(Guid OrderId, Guid UserId, decimal Amount, string PaymentMethod);

public sealed record PaymentOutcome(Guid? TransactionId, bool Completed, string? FailureReason)
{
    /// <summary>The outcome of an order that costs nothing: complete, with no transaction.</summary>
    public static readonly PaymentOutcome NothingToPay = new(null, true, null);
}

public sealed record OrderConfirmation(bool Confirmed, string? Rejection);

public sealed record StockCommit(bool Committed, string? Problem);
