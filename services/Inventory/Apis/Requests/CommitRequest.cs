using FluentValidation;
using Marketplace.BuildingBlocks.Validation;

namespace Marketplace.Inventory.Apis.Requests;

public sealed record CommitRequest(Guid? ReservationId);

public sealed class CommitRequestValidator : AbstractValidator<CommitRequest>
{
    public CommitRequestValidator() => RuleFor(r => r.ReservationId).RequiredId("ReservationId");
}
