namespace Marketplace.Orders.Domain;

/// <summary>
/// Whether a product is sold out, as inventory last announced it, so that a cart refuses a product nobody can buy
/// instead of the checkout finding out. A product inventory said nothing about counts as in stock; the reservation at
/// checkout stays the authority.
/// </summary>
public sealed class ProductAvailability
{
    public Guid ProductId { get; set; }
    public bool SoldOut { get; set; }

    /// <summary>When inventory was in this state; an older announcement never overwrites a newer one.</summary>
    public DateTimeOffset ObservedAt { get; set; }
}
