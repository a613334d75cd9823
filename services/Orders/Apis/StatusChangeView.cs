using Marketplace.Orders.Domain;
using Marketplace.Orders.Ordering;

namespace Marketplace.Orders.Apis;

/// <summary>One order of a status batch: what the change did and the status the order has now (none when it does not exist).</summary>
public sealed record StatusChangeView(Guid OrderId, StatusChangeOutcome Outcome, string? CurrentStatus, string? Detail)
{
    public static StatusChangeView Of(Guid orderId, StatusChange change, OrderStatus target) => change.Outcome switch
    {
        StatusChangeOutcome.NotFound => new(orderId, change.Outcome, null, "No such order."),
        StatusChangeOutcome.Illegal => new(orderId, change.Outcome, change.Order!.Status.ToString(), IllegalMove(change.Order.Status, target)),
        _ => new(orderId, change.Outcome, change.Order!.Status.ToString(), null),
    };

    public static string IllegalMove(OrderStatus current, OrderStatus target) => $"An order that is {current} cannot become {target}.";
}
