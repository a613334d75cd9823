using FluentValidation;
using Marketplace.Orders.Domain;

namespace Marketplace.Orders.Apis.Requests;

public sealed record UpdateOrderStatusRequest(string? Status, string? Reason)
{
    public OrderStatus Target => OrderStatusNames.Parse(Status)!.Value;
}

public sealed class UpdateOrderStatusRequestValidator : AbstractValidator<UpdateOrderStatusRequest>
{
    public static readonly string ReasonTooLong = $"Reason must be at most {Order.MaxStatusReasonLength} characters.";

    public UpdateOrderStatusRequestValidator()
    {
        RuleFor(r => r.Status).NotEmpty().WithMessage("Status is required.")
            .Must(status => OrderStatusNames.Parse(status) is { } target && target != OrderStatus.Pending)
            .WithMessage("Status must be one of Confirmed, Shipped, Delivered, Cancelled.");
        RuleFor(r => r.Reason).MaximumLength(Order.MaxStatusReasonLength).WithMessage(ReasonTooLong);
    }
}

/// <summary>A cancellation (a customer's, or the checkout saga abandoning its checkout); the whole body is optional.</summary>
public sealed record CancelOrderRequest(string? Reason)
{
    public bool ReasonTooLong => Reason is { Length: > Order.MaxStatusReasonLength };
}
