using FluentValidation;

namespace Marketplace.Checkout.Apis.Requests;

/// <summary>Seed 003's body, and optionally the total the buyer was shown (<c>expectedTotal</c>), which is all they pay.</summary>
public sealed record CheckoutRequest(ShippingAddressRequest? ShippingAddress, string? PaymentMethod, decimal? ExpectedTotal = null);

public sealed record ShippingAddressRequest(string? Street, string? City, string? Zip, string? Country);

public sealed class CheckoutRequestValidator : AbstractValidator<CheckoutRequest>
{
    public const int MaxPaymentMethodLength = 50;

    public CheckoutRequestValidator()
    {
        RuleFor(r => r.ShippingAddress).NotNull().WithMessage("Shipping address is required.")
            .SetValidator(new ShippingAddressValidator()!);
        RuleFor(r => r.PaymentMethod).Required("Payment method", MaxPaymentMethodLength);
        RuleFor(r => r.ExpectedTotal).Must(total => total >= 0 && decimal.Round(total.Value, 2) == total)
            .WithMessage("Expected total must be an amount of at least 0 with at most 2 decimals.")
            .When(r => r.ExpectedTotal is not null);
    }
}

public sealed class ShippingAddressValidator : AbstractValidator<ShippingAddressRequest>
{
    public ShippingAddressValidator()
    {
        RuleFor(a => a.Street).Required("Street", 200);
        RuleFor(a => a.City).Required("City", 100);
        RuleFor(a => a.Zip).Required("Zip", 20)
            .Matches("^[A-Za-z0-9][A-Za-z0-9 -]*$").WithMessage("Zip may contain only letters, digits, spaces and hyphens.");
        RuleFor(a => a.Country).Required("Country", 100);
    }
}

public static class RequiredTextRules
{
    /// <summary>Present, not blank, and at most <paramref name="maxLength"/> characters once trimmed.</summary>
    public static IRuleBuilderOptions<T, string?> Required<T>(this IRuleBuilder<T, string?> rule, string label, int maxLength) =>
        rule.Must(value => !string.IsNullOrWhiteSpace(value)).WithMessage($"{label} is required.")
            .Must(value => value!.Trim().Length <= maxLength).WithMessage($"{label} must be at most {maxLength} characters.");
}
