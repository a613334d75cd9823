namespace Marketplace.Orders.Domain;

/// <summary>A cart line; name and price are the catalog's when the product was (last) added.</summary>
public sealed class CartItem
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = 99;

    public Guid Id { get; set; }
    public Guid CartId { get; set; }
    public Guid ProductId { get; set; }
    public required string Name { get; set; }
    public decimal Price { get; set; }
    public int Quantity { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
