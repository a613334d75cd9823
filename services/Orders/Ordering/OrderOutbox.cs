using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Orders.Domain;
using Marketplace.Orders.IntegrationEvents;

namespace Marketplace.Orders.Ordering;

public static class OrderOutbox
{
    /// <summary>The outbox row of the event that reports the order reaching its current status, stored with that change.</summary>
    public static OutboxMessage StatusEvent(Order order) => order.Status switch
    {
        OrderStatus.Pending => OutboxMessage.For(OrderEvent.Of<OrderCreated>(order)),
        OrderStatus.Confirmed => OutboxMessage.For(OrderEvent.Of<OrderConfirmed>(order)),
        OrderStatus.Shipped => OutboxMessage.For(OrderEvent.Of<OrderShipped>(order)),
        OrderStatus.Delivered => OutboxMessage.For(OrderEvent.Of<OrderDelivered>(order)),
        OrderStatus.Cancelled => OutboxMessage.For(OrderEvent.Of<OrderCancelled>(order)),
        _ => throw new ArgumentOutOfRangeException(nameof(order), order.Status, "Unknown order status."),
    };
}
