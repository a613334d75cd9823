using Marketplace.BuildingBlocks.Messaging;

namespace Marketplace.Checkout.IntegrationEvents;

/// <summary>The order service cancelled an order (a customer, an admin, or this service's own compensation).</summary>
public sealed record OrderCancelled : IntegrationEvent
{
    public Guid OrderId { get; init; }
    public Guid UserId { get; init; }
    public Guid CheckoutId { get; init; }
    public decimal TotalAmount { get; init; }
    public string? Status { get; init; }
    public string? Reason { get; init; }
}
