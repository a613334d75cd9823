using FluentValidation;
using Marketplace.BuildingBlocks.Validation;

namespace Marketplace.Inventory.Apis.Requests;

/// <summary>Several reservations in one call, each <c>{reservationId, items:[...]}</c> as a single batch reserve.</summary>
public sealed record ReserveBatchRequest(List<ReservationRequest>? Reservations);

/// <summary>Several reservations to commit in one call.</summary>
public sealed record CommitBatchRequest(List<Guid?>? ReservationIds);

internal static class BatchLimits
{
    public const int MaxReservations = 100;
    public static readonly string SizeMessage = $"Give 1 to {MaxReservations} reservations.";
}

public sealed class ReserveBatchRequestValidator : AbstractValidator<ReserveBatchRequest>
{
    public ReserveBatchRequestValidator()
    {
        RuleFor(r => r.Reservations).NotNull().WithMessage(BatchLimits.SizeMessage)
            .Must(reservations => reservations!.Count is > 0 and <= BatchLimits.MaxReservations).WithMessage(BatchLimits.SizeMessage);
        RuleForEach(r => r.Reservations).NotNull().WithMessage("A reservation is required.")
            .Must(reservation => reservation.Items is not null).WithMessage("A reservation needs its reservationId and items.")
            .SetValidator(new ReservationRequestValidator());
    }
}

public sealed class CommitBatchRequestValidator : AbstractValidator<CommitBatchRequest>
{
    public CommitBatchRequestValidator()
    {
        RuleFor(r => r.ReservationIds).NotNull().WithMessage(BatchLimits.SizeMessage)
            .Must(ids => ids!.Count is > 0 and <= BatchLimits.MaxReservations).WithMessage(BatchLimits.SizeMessage);
        RuleForEach(r => r.ReservationIds).RequiredId("ReservationId");
    }
}
