namespace Marketplace.Orders.Domain;

/// <summary>
/// A checkout whose saga gave up: no order may be created for it any more, and the one created already is cancelled.
/// It lets the saga undo a create whose answer it never received.
/// </summary>
public sealed class AbandonedCheckout
{
    public Guid CheckoutId { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset AbandonedAt { get; set; }
}
