using FluentValidation;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Orders.Domain;

namespace Marketplace.Orders.Apis.Requests;

public sealed record CreateOrderRequest(Guid? CheckoutId, Guid? UserId, ShippingAddressRequest? ShippingAddress);

public sealed record ShippingAddressRequest(string? Street, string? City, string? Zip, string? Country)
{
    public ShippingAddress ToAddress() => new() { Street = Street!.Trim(), City = City!.Trim(), Zip = Zip!.Trim(), Country = Country!.Trim() };
}

public sealed class CreateOrderRequestValidator : AbstractValidator<CreateOrderRequest>
{
    public CreateOrderRequestValidator()
    {
        RuleFor(r => r.CheckoutId).RequiredId("CheckoutId");
        RuleFor(r => r.UserId).RequiredId("UserId");
        RuleFor(r => r.ShippingAddress).NotNull().WithMessage("ShippingAddress is required.")
            .SetValidator(new ShippingAddressRequestValidator()!);
    }
}

public sealed class ShippingAddressRequestValidator : AbstractValidator<ShippingAddressRequest>
{
    public ShippingAddressRequestValidator()
    {
        RuleFor(a => a.Street).AddressPart("Street", ShippingAddress.MaxStreetLength);
        RuleFor(a => a.City).AddressPart("City", ShippingAddress.MaxCityLength);
        RuleFor(a => a.Zip).AddressPart("Zip", ShippingAddress.MaxZipLength);
        RuleFor(a => a.Country).AddressPart("Country", ShippingAddress.MaxCountryLength);
    }
}

internal static class AddressRules
{
    public static IRuleBuilderOptions<T, string?> AddressPart<T>(this IRuleBuilder<T, string?> rule, string name, int maxLength) =>
        rule.Must(value => !string.IsNullOrWhiteSpace(value)).WithMessage($"{name} is required.")
            .Must(value => value!.Trim().Length <= maxLength).WithMessage($"{name} must be at most {maxLength} characters.");
}

/// <summary>Several checkouts' orders created in one call (the checkout service placing concurrent checkouts).</summary>
public sealed record CreateOrderBatchRequest(List<CreateOrderRequest>? Orders)
{
    public const int MaxOrders = 100;
}

public sealed class CreateOrderBatchRequestValidator : AbstractValidator<CreateOrderBatchRequest>
{
    public CreateOrderBatchRequestValidator()
    {
        RuleFor(r => r.Orders).OneTo(CreateOrderBatchRequest.MaxOrders, "orders");
        RuleForEach(r => r.Orders).NotNull().WithMessage("An order is required.").SetValidator(new CreateOrderRequestValidator());
    }
}
