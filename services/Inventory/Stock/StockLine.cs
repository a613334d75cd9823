namespace Marketplace.Inventory.Stock;

public sealed record StockLine(Guid ProductId, int Quantity);

/// <summary>A product that cannot cover a reservation: what was asked, what is available and why it falls short.</summary>
public sealed record StockShortage(Guid ProductId, int Requested, int Available, ShortageReason Reason)
{
    public string Describe() => Reason switch
    {
        ShortageReason.Discontinued => $"Product {ProductId} is discontinued and takes no new reservations.",
        ShortageReason.NoInventory => $"Product {ProductId} has no inventory.",
        _ => $"Product {ProductId} has {Available} available, {Requested} requested.",
    };
}

public enum ShortageReason
{
    InsufficientStock,
    Discontinued,
    NoInventory,
}
