using FluentValidation;
using Marketplace.BuildingBlocks.Validation;
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

/// <summary>Several orders moved to one status by a service (the checkout confirming paid orders together).</summary>
public sealed record OrderStatusBatchRequest(string? Status, List<Guid?>? OrderIds)
{
    public const int MaxOrders = 100;

    public OrderStatus Target => OrderStatusNames.Parse(Status)!.Value;
}

public sealed class OrderStatusBatchRequestValidator : AbstractValidator<OrderStatusBatchRequest>
{
    public OrderStatusBatchRequestValidator()
    {
        RuleFor(r => r.Status).NotEmpty().WithMessage("Status is required.")
            .Must(status => OrderStatusNames.Parse(status) is OrderStatus.Confirmed or OrderStatus.Cancelled)
            .WithMessage("Status must be Confirmed or Cancelled.");
        RuleFor(r => r.OrderIds).OneTo(OrderStatusBatchRequest.MaxOrders, "order ids");
        RuleForEach(r => r.OrderIds).RequiredId("OrderId");
    }
}
