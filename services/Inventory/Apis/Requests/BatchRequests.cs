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
}

public sealed class ReserveBatchRequestValidator : AbstractValidator<ReserveBatchRequest>
{
    public ReserveBatchRequestValidator()
    {
        RuleFor(r => r.Reservations).OneTo(BatchLimits.MaxReservations, "reservations");
        RuleForEach(r => r.Reservations).NotNull().WithMessage("A reservation is required.")
            .Must(reservation => reservation.Items is not null).WithMessage("A reservation needs its reservationId and items.")
            .SetValidator(new ReservationRequestValidator());
    }
}

public sealed class CommitBatchRequestValidator : AbstractValidator<CommitBatchRequest>
{
    public CommitBatchRequestValidator()
    {
        RuleFor(r => r.ReservationIds).OneTo(BatchLimits.MaxReservations, "reservations");
        RuleForEach(r => r.ReservationIds).RequiredId("ReservationId");
    }
}
