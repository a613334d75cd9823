using Marketplace.Inventory.Domain;
using Marketplace.Inventory.Stock;

namespace Marketplace.Inventory.Apis;

public sealed record StockView(Guid ProductId, int Quantity, int Reserved, int LowStockThreshold, bool IsLowStock, bool Discontinued, DateTimeOffset LastUpdated)
{
    public static StockView Of(InventoryItem item) =>
        new(item.ProductId, item.Quantity, item.Reserved, item.LowStockThreshold, item.IsLowStock, item.Discontinued, item.LastUpdated);
}

public sealed record ReservationView(Guid? ReservationId, IReadOnlyList<StockLine> Items, ReservationStatus Status)
{
    public static ReservationView Of(Reservation reservation) =>
        new(reservation.Id, reservation.Items.OrderBy(item => item.ProductId).Select(item => new StockLine(item.ProductId, item.Quantity)).ToList(), reservation.Status);
}
