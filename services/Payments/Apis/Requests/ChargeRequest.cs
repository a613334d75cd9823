using FluentValidation;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Payments.Domain;

namespace Marketplace.Payments.Apis.Requests;

public sealed record ChargeRequest(Guid? OrderId, Guid? UserId, decimal? Amount, string? Currency, string? PaymentMethod)
{
    public string CurrencyOrDefault => Currency?.ToUpperInvariant() ?? PaymentTransaction.DefaultCurrency;
}

public sealed class ChargeRequestValidator : AbstractValidator<ChargeRequest>
{
    /// <summary>The largest amount a decimal(10,2) column holds.</summary>
    public const decimal MaxAmount = 99_999_999.99m;

    public const int MaxPaymentMethodLength = 50;

    public ChargeRequestValidator()
    {
        RuleFor(r => r.OrderId).RequiredId("OrderId");
        RuleFor(r => r.UserId).RequiredId("UserId");
        RuleFor(r => r.Amount)
            .NotNull().WithMessage("Amount is required.")
            .GreaterThan(0).WithMessage("Amount must be greater than 0.")
            .LessThanOrEqualTo(MaxAmount).WithMessage($"Amount must be at most {MaxAmount}.")
            .Must(amount => decimal.Round(amount!.Value, 2) == amount).WithMessage("Amount must have at most 2 decimal places.");
        RuleFor(r => r.Currency).Matches("^[A-Za-z]{3}$").When(r => r.Currency is not null)
            .WithMessage("Currency must be a 3-letter ISO 4217 code.");
        RuleFor(r => r.PaymentMethod)
            .NotEmpty().WithMessage("PaymentMethod is required.")
            .MaximumLength(MaxPaymentMethodLength).WithMessage($"PaymentMethod must be at most {MaxPaymentMethodLength} characters.");
    }
}

/// <summary>Several orders charged in one call (the checkout service charging concurrent checkouts), each keyed by its order id.</summary>
public sealed record ChargeBatchRequest(List<ChargeRequest>? Charges)
{
    public const int MaxCharges = 100;
}

public sealed class ChargeBatchRequestValidator : AbstractValidator<ChargeBatchRequest>
{
    public ChargeBatchRequestValidator()
    {
        RuleFor(r => r.Charges).OneTo(ChargeBatchRequest.MaxCharges, "charges");
        RuleForEach(r => r.Charges).NotNull().WithMessage("A charge is required.").SetValidator(new ChargeRequestValidator());
    }
}
