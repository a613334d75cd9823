using System.Security.Claims;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Checkout.Apis.Requests;
using Marketplace.Checkout.Infrastructure;
using Marketplace.Checkout.Processing;
using Marketplace.Checkout.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Checkout.Apis;

public static class CheckoutApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 255;

    public static IEndpointRouteBuilder MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        var checkout = app.MapGroup("/api/checkout").WithTags("Checkout").RequireAuthorization(Policies.User);
        checkout.MapPost("", CheckoutAsync).WithValidation<CheckoutRequest>();
        checkout.MapGet("/{checkoutId:guid}", GetCheckoutAsync);
        return app;
    }

    public static async Task<Results<Ok<CheckoutSucceeded>, Accepted<CheckoutAccepted>, ProblemHttpResult, ValidationProblem>> CheckoutAsync(
        CheckoutRequest request, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal principal,
        CheckoutService checkouts, SagaStore store, CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && !IsValidKey(idempotencyKey))
        {
            return Problems.Validation(IdempotencyKeyHeader, $"Idempotency-Key must be 1 to {MaxIdempotencyKeyLength} visible ASCII characters.");
        }

        var submission = await checkouts.SubmitAsync(principal.GetUserId(), idempotencyKey, request, cancellationToken);
        if (submission.KeyReusedForOtherRequest)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                detail: "This Idempotency-Key was already used for a different checkout request.");
        }

        if (submission.Result is { } result)
        {
            if (result.Outcome == CheckoutOutcome.Confirmed)
            {
                return CheckoutResponses.Success(result);
            }

            return CheckoutResponses.Failure(submission.CheckoutId, result);
        }

        var orderId = CheckoutView.OrderIdOf(await store.HistoryAsync(submission.CheckoutId, cancellationToken));
        return TypedResults.Accepted($"/api/checkout/{submission.CheckoutId}",
            new CheckoutAccepted(true, submission.CheckoutId, orderId, "Processing", CheckoutResponses.ProcessingMessage));
    }

    public static async Task<Results<Ok<Envelope<CheckoutView>>, ProblemHttpResult>> GetCheckoutAsync(
        Guid checkoutId, ClaimsPrincipal principal, SagaStore store, CancellationToken cancellationToken)
    {
        var saga = await store.FindAsync(checkoutId, cancellationToken);
        if (saga is null || (saga.UserId != principal.GetUserId() && !principal.IsAdmin()))
        {
            return Problems.NotFound("Checkout not found.");
        }

        return TypedResults.Ok(Envelope.Of(CheckoutView.Of(saga, await store.HistoryAsync(checkoutId, cancellationToken))));
    }

    private static bool IsValidKey(string key) =>
        key.Length is > 0 and <= MaxIdempotencyKeyLength && key.All(c => c is > ' ' and <= '~');
}
