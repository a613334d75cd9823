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

/// <summary>One reservation of a batch: reserved, or refused with the short items and why.</summary>
public sealed record ReservationOutcome(Guid ReservationId, bool Reserved, ReservationView? Reservation, IReadOnlyList<StockShortage> Shortages, string? Detail)
{
    public static ReservationOutcome Of(Guid reservationId, Reservations.ReserveResult result) =>
        result.Reservation is { } reservation
            ? new(reservationId, true, ReservationView.Of(reservation), [], null)
            : new(reservationId, false, null, result.Shortages, ReservationsApi.ShortageDetail(result.Shortages));
}

/// <summary>One commit of a batch: the outcome, the committed reservation, or the problem a single commit would answer.</summary>
public sealed record CommitOutcome(Guid ReservationId, Reservations.CommitResult Outcome, ReservationView? Reservation, string? Detail)
{
    public static CommitOutcome Of(Guid reservationId, (Reservations.CommitResult Result, Reservation? Reservation) commit) =>
        commit.Reservation is { } reservation && commit.Result == Reservations.CommitResult.Committed
            ? new(reservationId, commit.Result, ReservationView.Of(reservation), null)
            : new(reservationId, commit.Result, null, Problem(reservationId, commit.Result));

    public static string Problem(Guid reservationId, Reservations.CommitResult result) => result == Reservations.CommitResult.NotFound
        ? $"Reservation {reservationId} does not exist."
        : $"Reservation {reservationId} was released and cannot be committed.";
}
