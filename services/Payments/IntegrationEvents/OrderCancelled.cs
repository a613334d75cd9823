using Marketplace.BuildingBlocks.Messaging;

namespace Marketplace.Payments.IntegrationEvents;

/// <summary>Published by the order service; a cancelled order's completed payment is refunded.</summary>
public sealed record OrderCancelled(Guid OrderId, Guid UserId, Guid? CheckoutId, decimal TotalAmount, string Status, string? Reason) : IntegrationEvent;
