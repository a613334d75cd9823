using Marketplace.Checkout.Infrastructure;
using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Checkout.Apis;

/// <summary>Seed 003's success body: flat, not wrapped in <c>data</c>.</summary>
public sealed record CheckoutSucceeded(bool Success, Guid OrderId, Guid? TransactionId, string Message, decimal? TotalAmount);

/// <summary>The saga is still running; <c>Location</c> points at its status.</summary>
public sealed record CheckoutAccepted(bool Success, Guid CheckoutId, Guid? OrderId, string Status, string Message);

public sealed record CheckoutStepView(string Name, bool Succeeded, DateTimeOffset RecordedAt);

public sealed record CheckoutView(
    Guid CheckoutId,
    string Status,
    string? Step,
    string? Outcome,
    Guid? OrderId,
    Guid? TransactionId,
    string? Message,
    decimal? TotalAmount,
    IReadOnlyList<StockShortage>? Items,
    IReadOnlyList<Guid>? ProductIds,
    IReadOnlyList<CheckoutStepView> Steps,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt)
{
    public static CheckoutView Of(CheckoutSaga saga, IReadOnlyList<CheckoutStepRecord> history)
    {
        var result = saga.Result is null ? null : SagaJson.Deserialize<CheckoutResult>(saga.Result);
        return new CheckoutView(saga.Id, saga.Status.ToString(), saga.Step, result?.Outcome.ToString(), result?.OrderId ?? OrderIdOf(history),
            result?.TransactionId, result?.Message, result?.TotalAmount, result?.Items, result?.UnavailableProducts,
            history.Select(step => new CheckoutStepView(step.Name, step.Error is null, step.RecordedAt)).ToList(),
            saga.CreatedAt, saga.UpdatedAt, saga.CompletedAt);
    }

    /// <summary>The order id as soon as the order exists, before the saga has a result.</summary>
    public static Guid? OrderIdOf(IReadOnlyList<CheckoutStepRecord> history) =>
        history.FirstOrDefault(step => step.Name == StepNames.OrderCreated && step.Result is not null) is { } created
            ? SagaJson.Deserialize<OrderCreation>(created.Result).Order?.OrderId
            : null;
}

public static class CheckoutResponses
{
    public const string ProcessingMessage = "Checkout is still processing; follow the Location header for its outcome.";

    public static Ok<CheckoutSucceeded> Success(CheckoutResult result) =>
        TypedResults.Ok(new CheckoutSucceeded(true, result.OrderId!.Value, result.TransactionId, result.Message, result.TotalAmount));

    /// <summary>A saga that did not confirm the order: problem details that also carry the seed's fields.</summary>
    public static ProblemHttpResult Failure(Guid checkoutId, CheckoutResult result) => result.Outcome switch
    {
        CheckoutOutcome.Rejected => Problem(StatusCodes.Status400BadRequest, "Bad request", checkoutId, result,
            ("errors", new Dictionary<string, string[]> { ["cart"] = [result.Message] })),
        CheckoutOutcome.ProductsUnavailable => Problem(StatusCodes.Status409Conflict, "Products unavailable", checkoutId, result,
            ("productIds", result.UnavailableProducts)),
        CheckoutOutcome.TotalChanged => Problem(StatusCodes.Status409Conflict, "Total changed", checkoutId, result, ("totalAmount", result.TotalAmount)),
        CheckoutOutcome.OutOfStock => Problem(StatusCodes.Status409Conflict, "Insufficient stock", checkoutId, result, ("items", result.Items ?? [])),
        CheckoutOutcome.PaymentDeclined => Problem(StatusCodes.Status402PaymentRequired, "Payment failed", checkoutId, result, ("transactionId", result.TransactionId)),
        _ => Problem(StatusCodes.Status503ServiceUnavailable, "Checkout failed", checkoutId, result),
    };

    private static ProblemHttpResult Problem(int status, string title, Guid checkoutId, CheckoutResult result, params (string Key, object? Value)[] fields)
    {
        var extensions = new Dictionary<string, object?> { ["checkoutId"] = checkoutId, ["orderId"] = result.OrderId, ["message"] = result.Message };
        foreach (var (key, value) in fields)
        {
            extensions[key] = value;
        }

        return TypedResults.Problem(detail: result.Message, statusCode: status, title: title, extensions: extensions);
    }
}
