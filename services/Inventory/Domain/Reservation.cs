namespace Marketplace.Inventory.Domain;

/// <summary>Stock held for one checkout. Reserved → Committed (sold) or Released (returned to stock).</summary>
public sealed class Reservation
{
    public Guid Id { get; set; }
    public ReservationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<ReservationItem> Items { get; set; } = [];
}

public sealed class ReservationItem
{
    public Guid ReservationId { get; set; }
    public Guid ProductId { get; set; }
    public int Quantity { get; set; }
}

public enum ReservationStatus
{
    Reserved,
    Committed,
    Released,
}
