namespace Marketplace.Orders.Domain;

/// <summary>A line of an order: the catalog's name and price when the order was created.</summary>
public sealed class OrderItem
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public Guid ProductId { get; set; }
    public required string Name { get; set; }
    public decimal Price { get; set; }
    public int Quantity { get; set; }
}
