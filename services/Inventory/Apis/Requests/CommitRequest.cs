using FluentValidation;
using Marketplace.BuildingBlocks.Validation;

namespace Marketplace.Inventory.Apis.Requests;

public sealed record CommitRequest(Guid? ReservationId);

public sealed class CommitRequestValidator : AbstractValidator<CommitRequest>
{
    public CommitRequestValidator() => RuleFor(r => r.ReservationId).RequiredId("ReservationId");
}

/// <summary>Several commits in one call (checkout sends the commits of concurrent checkouts together).</summary>
public sealed record CommitAllRequest(List<Guid?>? ReservationIds);

public sealed class CommitAllRequestValidator : AbstractValidator<CommitAllRequest>
{
    public const int MaxReservations = 64;

    public CommitAllRequestValidator()
    {
        RuleFor(r => r.ReservationIds).NotNull().WithMessage("ReservationIds is required.")
            .Must(ids => ids!.Count is > 0 and <= MaxReservations).WithMessage($"ReservationIds must hold 1 to {MaxReservations} ids.");
        RuleForEach(r => r.ReservationIds).RequiredId("ReservationId");
    }
}
