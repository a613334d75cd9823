using FluentValidation;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Orders.Domain;

namespace Marketplace.Orders.Apis.Requests;

/// <summary>Only the product and the quantity are read: name and price always come from the catalog.</summary>
public sealed record AddCartItemRequest(Guid? ProductId, int? Quantity);

public sealed class AddCartItemRequestValidator : AbstractValidator<AddCartItemRequest>
{
    public AddCartItemRequestValidator()
    {
        RuleFor(r => r.ProductId).RequiredId("ProductId");
        RuleFor(r => r.Quantity).InclusiveBetween(CartItem.MinQuantity, CartItem.MaxQuantity)
            .WithMessage($"Quantity must be {CartItem.MinQuantity} to {CartItem.MaxQuantity}.");
    }
}

public sealed record RemoveCartItemRequest(Guid? ProductId);

public sealed class RemoveCartItemRequestValidator : AbstractValidator<RemoveCartItemRequest>
{
    public RemoveCartItemRequestValidator() =>
        RuleFor(r => r.ProductId).RequiredId("ProductId");
}
