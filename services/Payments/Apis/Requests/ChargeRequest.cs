using FluentValidation;
using Marketplace.Payments.Domain;

namespace Marketplace.Payments.Apis.Requests;

public sealed record ChargeRequest(Guid? OrderId, Guid? UserId, decimal? Amount, string? Currency, string? PaymentMethod)
{
    public string CurrencyOrDefault => Currency?.ToUpperInvariant() ?? PaymentTransaction.DefaultCurrency;

    public string PaymentMethodOrDefault => PaymentMethod?.Trim() ?? PaymentTransaction.DefaultPaymentMethod;
}

public sealed class ChargeRequestValidator : AbstractValidator<ChargeRequest>
{
    /// <summary>The largest amount a decimal(10,2) column holds.</summary>
    public const decimal MaxAmount = 99_999_999.99m;

    public ChargeRequestValidator()
    {
        RuleFor(r => r.OrderId).NotEmpty().WithMessage("OrderId is required.");
        RuleFor(r => r.UserId).NotEmpty().WithMessage("UserId is required.");
        RuleFor(r => r.Amount)
            .NotNull().WithMessage("Amount is required.")
            .GreaterThan(0).WithMessage("Amount must be greater than 0.")
            .LessThanOrEqualTo(MaxAmount).WithMessage($"Amount must be at most {MaxAmount}.")
            .Must(amount => decimal.Round(amount!.Value, 2) == amount).WithMessage("Amount must have at most 2 decimal places.");
        RuleFor(r => r.Currency).Matches("^[A-Za-z]{3}$").When(r => r.Currency is not null)
            .WithMessage("Currency must be a 3-letter ISO 4217 code.");
        RuleFor(r => r.PaymentMethod)
            .Must(method => !string.IsNullOrWhiteSpace(method)).When(r => r.PaymentMethod is not null).WithMessage("PaymentMethod must not be empty.")
            .MaximumLength(50).WithMessage("PaymentMethod must be at most 50 characters.");
    }
}
