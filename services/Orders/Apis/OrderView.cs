using Marketplace.Orders.Domain;

namespace Marketplace.Orders.Apis;

public sealed record OrderItemView(Guid ProductId, string Name, decimal Price, int Quantity);

public sealed record ShippingAddressView(string Street, string City, string Zip, string Country);

public sealed record OrderView(
    Guid Id,
    Guid UserId,
    Guid CheckoutId,
    IReadOnlyList<OrderItemView> Items,
    decimal TotalAmount,
    OrderStatus Status,
    string? StatusReason,
    ShippingAddressView ShippingAddress,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OrderView Of(Order order) => new(
        order.Id,
        order.UserId,
        order.CheckoutId,
        order.Items.OrderBy(i => i.Name).ThenBy(i => i.ProductId).Select(i => new OrderItemView(i.ProductId, i.Name, i.Price, i.Quantity)).ToList(),
        order.TotalAmount,
        order.Status,
        order.StatusReason,
        new ShippingAddressView(order.ShippingAddress.Street, order.ShippingAddress.City, order.ShippingAddress.Zip, order.ShippingAddress.Country),
        order.CreatedAt,
        order.UpdatedAt);
}
