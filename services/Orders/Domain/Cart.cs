namespace Marketplace.Orders.Domain;

/// <summary>One signed-in user's cart; its row is also the lock every change to the cart takes first.</summary>
public sealed class Cart
{
    public const int MaxLines = 50;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public decimal TotalPrice { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<CartItem> Items { get; set; } = [];
}
