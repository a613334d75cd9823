using FluentValidation;
using Marketplace.BuildingBlocks.Validation;

namespace Marketplace.Inventory.Apis.Requests;

public sealed record AddStockRequest(Guid? ProductId, int? Quantity, int? LowStockThreshold);

public sealed class AddStockRequestValidator : AbstractValidator<AddStockRequest>
{
    public const int MaxAddQuantity = 1_000_000;

    public AddStockRequestValidator()
    {
        RuleFor(r => r.ProductId).RequiredId("ProductId");
        RuleFor(r => r.Quantity).NotNull().WithMessage("Quantity is required.")
            .InclusiveBetween(1, MaxAddQuantity).WithMessage($"Quantity must be between 1 and {MaxAddQuantity}.");
        RuleFor(r => r.LowStockThreshold).InclusiveBetween(0, MaxAddQuantity).When(r => r.LowStockThreshold is not null)
            .WithMessage($"LowStockThreshold must be between 0 and {MaxAddQuantity}.");
    }
}
