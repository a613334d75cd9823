using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;
using Marketplace.Orders.IntegrationEvents;

namespace Marketplace.Orders.Ordering;

public static class OrderOutbox
{
    /// <summary>Queues the event that reports the order reaching its current status, saved with that change.</summary>
    public static void AddStatusEvent(this OrdersDbContext db, Order order)
    {
        switch (order.Status)
        {
            case OrderStatus.Pending:
                db.AddEvent(OrderEvent.Of<OrderCreated>(order));
                break;
            case OrderStatus.Confirmed:
                db.AddEvent(OrderEvent.Of<OrderConfirmed>(order));
                break;
            case OrderStatus.Shipped:
                db.AddEvent(OrderEvent.Of<OrderShipped>(order));
                break;
            case OrderStatus.Delivered:
                db.AddEvent(OrderEvent.Of<OrderDelivered>(order));
                break;
            case OrderStatus.Cancelled:
                db.AddEvent(OrderEvent.Of<OrderCancelled>(order));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(order), order.Status, "Unknown order status.");
        }
    }
}
