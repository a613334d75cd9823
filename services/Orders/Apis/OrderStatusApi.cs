using System.Security.Claims;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Orders.Apis.Requests;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Ordering;
using Marketplace.Orders.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Orders.Apis;

public static class OrderStatusApi
{
    public static IEndpointRouteBuilder MapOrderStatusApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders");
        orders.MapPut("/{id:guid}/status", UpdateStatusAsync).WithValidation<UpdateOrderStatusRequest>().RequireAuthorization(Policies.InternalOrAdmin);
        orders.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(Policies.User);
        orders.MapPost("/status/batch", UpdateStatusBatchAsync).WithValidation<OrderStatusBatchRequest>().RequireAuthorization(Policies.Internal);
        orders.MapPost("/checkouts/{checkoutId:guid}/abandon", AbandonCheckoutAsync).RequireAuthorization(Policies.Internal);
        return app;
    }

    /// <summary>Services confirm and cancel (the checkout flow); admins ship, deliver and cancel.</summary>
    public static async Task<Results<Ok<Envelope<OrderView>>, ProblemHttpResult, ValidationProblem>> UpdateStatusAsync(
        Guid id, UpdateOrderStatusRequest request, ClaimsPrincipal principal, OrderStatusChanges changes, CancellationToken cancellationToken)
    {
        var target = request.Target;
        var byService = principal.IsService();
        var allowed = byService
            ? target is OrderStatus.Confirmed or OrderStatus.Cancelled
            : target is OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Cancelled;
        if (!allowed)
        {
            return Problems.Forbidden(byService
                ? "Services may only confirm or cancel orders."
                : "Admins may ship, deliver or cancel orders; confirmation follows payment.");
        }

        return Answer(await changes.ChangeAsync(id, target, request.Reason, _ => true, cancellationToken), target);
    }

    /// <summary>Each order as <c>PUT /{id}/status</c> from a service would answer it, in the order given.</summary>
    public static async Task<Ok<Envelope<List<StatusChangeView>>>> UpdateStatusBatchAsync(
        OrderStatusBatchRequest request, OrderStatusChanges changes, CancellationToken cancellationToken)
    {
        var ids = request.OrderIds!.Select(id => id!.Value).ToList();
        var target = request.Target;
        var results = await changes.ChangeAllAsync(ids, target, cancellationToken);
        return TypedResults.Ok(Envelope.Of(ids.Select(id => StatusChangeView.Of(id, results[id], target)).ToList()));
    }

    /// <summary>A customer cancels their own order while it is Pending or Confirmed; the body (a reason) is optional.</summary>
    public static async Task<Results<Ok<Envelope<OrderView>>, ProblemHttpResult, ValidationProblem>> CancelAsync(
        Guid id, CancelOrderRequest? request, ClaimsPrincipal principal, OrderStatusChanges changes, CancellationToken cancellationToken)
    {
        if (request is { ReasonTooLong: true })
        {
            return ReasonTooLong();
        }

        var userId = principal.GetUserId();
        var change = await changes.ChangeAsync(id, OrderStatus.Cancelled, request?.Reason, order => order.UserId == userId, cancellationToken);
        return Answer(change, OrderStatus.Cancelled);
    }

    /// <summary>The checkout saga gives up: the order its checkout created, if any, is cancelled and none can be created later.</summary>
    public static async Task<Results<Ok<Envelope<AbandonedCheckoutView>>, ProblemHttpResult, ValidationProblem>> AbandonCheckoutAsync(
        Guid checkoutId, CancelOrderRequest? request, CheckoutAbandonment abandonment, CancellationToken cancellationToken)
    {
        if (request is { ReasonTooLong: true })
        {
            return ReasonTooLong();
        }

        var change = await abandonment.AbandonAsync(checkoutId, request?.Reason, cancellationToken);
        if (change is { Outcome: StatusChangeOutcome.Illegal, Order: { } order })
        {
            return Problems.Conflict(
                $"The checkout's order is {order.Status} and cannot be cancelled.",
                new Dictionary<string, object?> { ["orderId"] = order.Id, ["currentStatus"] = order.Status.ToString() });
        }

        var view = new AbandonedCheckoutView(checkoutId, change?.Order?.Id, change?.Order?.Status.ToString());
        return TypedResults.Ok(Envelope.Of(view, view.OrderId is null ? "Checkout abandoned; it had no order" : "Checkout abandoned; its order is Cancelled"));
    }

    private static ValidationProblem ReasonTooLong() => Problems.Validation("reason", UpdateOrderStatusRequestValidator.ReasonTooLong);

    private static Results<Ok<Envelope<OrderView>>, ProblemHttpResult, ValidationProblem> Answer(StatusChange change, OrderStatus target) => change.Outcome switch
    {
        StatusChangeOutcome.NotFound => OrdersApi.NotFound(),
        StatusChangeOutcome.Illegal => Problems.Conflict(
            StatusChangeView.IllegalMove(change.Order!.Status, target),
            new Dictionary<string, object?> { ["currentStatus"] = change.Order.Status.ToString(), ["requestedStatus"] = target.ToString() }),
        StatusChangeOutcome.AlreadyInStatus => TypedResults.Ok(Envelope.Of(OrderView.Of(change.Order!), $"Order is already {target}")),
        _ => TypedResults.Ok(Envelope.Of(OrderView.Of(change.Order!), $"Order is now {target}")),
    };
}
