namespace Marketplace.Orders.Domain;

public enum OrderStatus
{
    Pending,
    Confirmed,
    Shipped,
    Delivered,
    Cancelled,
}

public static class OrderStatusMachine
{
    /// <summary>Pending → Confirmed → Shipped → Delivered, and Pending|Confirmed → Cancelled; nothing else.</summary>
    public static bool CanMove(OrderStatus from, OrderStatus to) => (from, to) switch
    {
        (OrderStatus.Pending, OrderStatus.Confirmed) => true,
        (OrderStatus.Confirmed, OrderStatus.Shipped) => true,
        (OrderStatus.Shipped, OrderStatus.Delivered) => true,
        (OrderStatus.Pending or OrderStatus.Confirmed, OrderStatus.Cancelled) => true,
        _ => false,
    };
}

public static class OrderStatusNames
{
    /// <summary>The status with this name in any case; null for anything else (numbers and combinations included).</summary>
    public static OrderStatus? Parse(string? name) =>
        Enum.GetValues<OrderStatus>().Select(status => (OrderStatus?)status)
            .FirstOrDefault(status => string.Equals(status.ToString(), name, StringComparison.OrdinalIgnoreCase));
}
