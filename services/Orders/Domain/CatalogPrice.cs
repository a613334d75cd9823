namespace Marketplace.Orders.Domain;

/// <summary>
/// The latest catalog price this service has heard of for a product (from the catalog's events and from its own
/// reads), so a cart can show which lines changed price without asking the catalog on every read.
/// </summary>
public sealed class CatalogPrice
{
    public Guid ProductId { get; set; }
    public decimal Price { get; set; }
    public bool Deleted { get; set; }

    /// <summary>When the catalog was in this state; an older observation never overwrites a newer one.</summary>
    public DateTimeOffset ObservedAt { get; set; }
}
