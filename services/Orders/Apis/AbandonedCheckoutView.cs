namespace Marketplace.Orders.Apis;

/// <summary>An abandoned checkout and the order it had created, now Cancelled (both null when it had none).</summary>
public sealed record AbandonedCheckoutView(Guid CheckoutId, Guid? OrderId, string? OrderStatus);
