namespace Marketplace.Inventory.Domain;

/// <summary>The stock of one product: <see cref="Quantity"/> is available to sell, <see cref="Reserved"/> is held by open reservations.</summary>
public sealed class InventoryItem
{
    public const int DefaultLowStockThreshold = 10;

    public Guid Id { get; set; }
    public Guid ProductId { get; set; }
    public int Quantity { get; set; }
    public int Reserved { get; set; }
    public int LowStockThreshold { get; set; } = DefaultLowStockThreshold;

    /// <summary>Whether the last stock event published for this product was <c>StockLow</c>; makes it once per crossing.</summary>
    public bool LowStockAlerted { get; set; }

    /// <summary>
    /// Whether the last availability event published for this product was <c>ProductSoldOut</c>; makes it once per
    /// sell-out. The empty record a new product starts with announces nothing until a change of its stock is saved, so
    /// stocking it for the first time is no "back in stock".
    /// </summary>
    public bool SoldOutAnnounced { get; set; }

    /// <summary>The product was deleted from the catalog: no new reservations.</summary>
    public bool Discontinued { get; set; }

    public DateTimeOffset LastUpdated { get; set; }

    public bool IsLowStock => !Discontinued && Quantity < LowStockThreshold;

    public bool IsSoldOut => !Discontinued && Quantity == 0;
}
