using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Orders.Domain;

namespace Marketplace.Orders.IntegrationEvents;

/// <summary>The payload every order event carries; the topic is the concrete type's name.</summary>
public abstract record OrderEvent : IntegrationEvent
{
    public Guid OrderId { get; init; }
    public Guid UserId { get; init; }
    public Guid CheckoutId { get; init; }
    public decimal TotalAmount { get; init; }
    public OrderStatus Status { get; init; }
    public string? Reason { get; init; }

    public static TEvent Of<TEvent>(Order order)
        where TEvent : OrderEvent, new() => new()
        {
            OrderId = order.Id,
            UserId = order.UserId,
            CheckoutId = order.CheckoutId,
            TotalAmount = order.TotalAmount,
            Status = order.Status,
            Reason = order.StatusReason,
        };
}

public sealed record OrderCreated : OrderEvent;

public sealed record OrderConfirmed : OrderEvent;

public sealed record OrderShipped : OrderEvent;

public sealed record OrderDelivered : OrderEvent;

public sealed record OrderCancelled : OrderEvent;
