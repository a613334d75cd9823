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

/// <summary>One reservation's outcome in a commit of several: the committed reservation, or why it was not.</summary>
public sealed record CommitOutcomeView(Guid ReservationId, bool Committed, string? Problem, ReservationView? Reservation)
{
    public static CommitOutcomeView Of(Guid reservationId, Reservations.CommitResult result, Reservation? reservation) =>
        result == Reservations.CommitResult.Committed
            ? new(reservationId, true, null, ReservationView.Of(reservation!))
            : new(reservationId, false, Refusal(reservationId, result), null);

    public static string Refusal(Guid reservationId, Reservations.CommitResult result) => result == Reservations.CommitResult.NotFound
        ? $"Reservation {reservationId} does not exist."
        : $"Reservation {reservationId} was released and cannot be committed.";
}
