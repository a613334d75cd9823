namespace Marketplace.Orders.Domain;

public sealed class Order
{
    public const int MaxStatusReasonLength = 500;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The checkout that created the order; creating again with it returns this order.</summary>
    public Guid CheckoutId { get; set; }

    public decimal TotalAmount { get; set; }
    public OrderStatus Status { get; set; }

    /// <summary>Why the order reached its current status, when someone said (a cancellation reason, typically).</summary>
    public string? StatusReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: two concurrent status changes cannot both be saved.</summary>
    public uint Version { get; set; }

    public List<OrderItem> Items { get; set; } = [];
    public ShippingAddress ShippingAddress { get; set; } = null!;
}
