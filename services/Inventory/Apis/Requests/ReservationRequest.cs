using FluentValidation;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Inventory.Stock;

namespace Marketplace.Inventory.Apis.Requests;

public sealed record ReservationLineRequest(Guid? ProductId, int? Quantity);

/// <summary>
/// Reserve and release bodies: seed 003's single item <c>{productId, quantity}</c> (optionally with a reservationId),
/// or a batch <c>{reservationId, items:[...]}</c>. A release may also name only the reservation.
/// </summary>
public sealed record ReservationRequest(Guid? ReservationId, Guid? ProductId, int? Quantity, List<ReservationLineRequest>? Items)
{
    public IReadOnlyList<StockLine> Lines() => Items is not null
        ? Items.Select(item => new StockLine(item.ProductId!.Value, item.Quantity!.Value)).ToList()
        : ProductId is { } productId && Quantity is { } quantity ? [new StockLine(productId, quantity)] : [];
}

public sealed class ReservationRequestValidator : AbstractValidator<ReservationRequest>
{
    public const int MaxItems = 100;
    public const int MaxQuantity = 1_000_000;

    public ReservationRequestValidator()
    {
        When(r => r.Items is not null, () =>
        {
            RuleFor(r => r.ReservationId).RequiredId("ReservationId");
            RuleFor(r => r.Items).Must(items => items!.Count is > 0 and <= MaxItems).WithMessage($"Items must hold 1 to {MaxItems} lines.")
                .Must(items => items!.Select(item => item?.ProductId).Distinct().Count() == items!.Count).WithMessage("Each product may appear only once.");
            RuleForEach(r => r.Items).NotNull().WithMessage("An item is required.").ChildRules(item =>
            {
                item.RuleFor(i => i.ProductId).RequiredId("ProductId");
                item.RuleFor(i => i.Quantity).ValidQuantity();
            });
        }).Otherwise(() =>
        {
            RuleFor(r => r.ProductId).RequiredId("ProductId").When(r => r.ReservationId is null || r.Quantity is not null);
            RuleFor(r => r.Quantity).ValidQuantity().When(r => r.ReservationId is null || r.ProductId is not null);
        });
    }
}

internal static class QuantityRules
{
    public static IRuleBuilderOptions<T, int?> ValidQuantity<T>(this IRuleBuilder<T, int?> rule) =>
        rule.NotNull().WithMessage("Quantity is required.")
            .InclusiveBetween(1, ReservationRequestValidator.MaxQuantity).WithMessage($"Quantity must be between 1 and {ReservationRequestValidator.MaxQuantity}.");
}
