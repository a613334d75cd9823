using System.Security.Claims;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Payments.Apis.Requests;
using Marketplace.Payments.Domain;
using Marketplace.Payments.Infrastructure;
using Marketplace.Payments.Processing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Payments.Apis;

public static class PaymentsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 100;

    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var payments = app.MapGroup("/api/payments").WithTags("Payments");
        payments.MapPost("/", ChargeAsync).WithValidation<ChargeRequest>().RequireAuthorization(Policies.Internal);
        payments.MapPost("/batch", ChargeBatchAsync).WithValidation<ChargeBatchRequest>().RequireAuthorization(Policies.Internal);
        payments.MapPost("/{transactionId:guid}/refund", RefundAsync).RequireAuthorization(Policies.InternalOrAdmin);
        payments.MapGet("/{transactionId:guid}", GetAsync).RequireAuthorization(Policies.User);
        payments.MapGet("/", ListAsync).RequireAuthorization(Policies.User);
        payments.MapGet("/orders/{orderId:guid}", GetByOrderAsync).RequireAuthorization(Policies.InternalOrAdmin);
        return app;
    }

    /// <summary>Charges an order once: a repeat (same order, or same Idempotency-Key) returns the first transaction.</summary>
    public static async Task<Results<Ok<Envelope<TransactionView>>, Accepted<Envelope<TransactionView>>, ProblemHttpResult, ValidationProblem>> ChargeAsync(
        ChargeRequest request, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, ChargeProcessor processor,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxIdempotencyKeyLength))
        {
            return Problems.Validation(IdempotencyKeyHeader, $"Idempotency-Key must be 1 to {MaxIdempotencyKeyLength} characters.");
        }

        var orderId = request.OrderId!.Value;
        var command = new ChargeCommand(orderId, request.UserId!.Value, request.Amount!.Value, request.CurrencyOrDefault,
            request.PaymentMethod!.Trim(), idempotencyKey ?? orderId.ToString());
        var result = await processor.ChargeAsync(command, cancellationToken);
        return result switch
        {
            { Outcome: ChargeOutcome.IdempotencyKeyUsedByAnotherOrder } => Problems.Conflict(ChargeView.KeyUsedByAnotherOrder),
            { Transaction: { Status: PaymentStatus.Failed } failed } => TypedResults.Problem(
                detail: failed.FailureReason ?? "The payment failed.",
                statusCode: StatusCodes.Status402PaymentRequired,
                title: "Payment failed",
                extensions: new Dictionary<string, object?> { ["data"] = TransactionView.Of(failed) }),
            { Transaction: { Status: PaymentStatus.Pending } pending } => TypedResults.Accepted(
                $"/api/payments/orders/{orderId}", Envelope.Of(TransactionView.Of(pending), "The payment is still being processed; repeat the request for its outcome.")),
            { Transaction: { } finished } => TypedResults.Ok(Envelope.Of(TransactionView.Of(finished))),
            _ => Problems.ServiceUnavailable(ChargeView.BusyDetail),
        };
    }

    /// <summary>
    /// Each charge as <c>POST /api/payments</c> keyed by its order id would answer it, in the order given; first
    /// charges share their database round trips.
    /// </summary>
    public static async Task<Ok<Envelope<List<ChargeView>>>> ChargeBatchAsync(
        ChargeBatchRequest request, ChargeProcessor processor, CancellationToken cancellationToken)
    {
        var commands = request.Charges!.Select(charge => new ChargeCommand(charge.OrderId!.Value, charge.UserId!.Value, charge.Amount!.Value,
            charge.CurrencyOrDefault, charge.PaymentMethod!.Trim(), charge.OrderId!.Value.ToString())).ToList();
        var results = await processor.ChargeAllAsync(commands, cancellationToken);
        return TypedResults.Ok(Envelope.Of(commands.Select(command => ChargeView.Of(command.OrderId, results[command.OrderId])).ToList()));
    }

    public static async Task<Results<Ok<Envelope<TransactionView>>, ProblemHttpResult, ValidationProblem>> RefundAsync(
        Guid transactionId, [FromBody] RefundRequest? request, RefundProcessor processor, CancellationToken cancellationToken)
    {
        if (request?.Reason is { Length: > RefundRequest.MaxReasonLength })
        {
            return Problems.Validation("reason", $"Reason must be at most {RefundRequest.MaxReasonLength} characters.");
        }

        var result = await processor.RefundAsync(transactionId, request?.Reason, cancellationToken);
        return result.Outcome switch
        {
            RefundOutcome.Refunded => TypedResults.Ok(Envelope.Of(TransactionView.Of(result.Transaction!), "Payment refunded")),
            RefundOutcome.NotRefundable => Problems.Conflict($"A {result.Transaction!.Status} payment cannot be refunded."),
            RefundOutcome.ProviderDeclined => Problems.Conflict("The payment provider declined the refund."),
            _ => Problems.NotFound("No such transaction."),
        };
    }

    public static async Task<Results<Ok<Envelope<TransactionView>>, ProblemHttpResult>> GetAsync(
        Guid transactionId, ClaimsPrincipal principal, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        var transactions = await db.ReadTransactionsAsync("id = @id", [("id", transactionId)], cancellationToken);
        return transactions is [var transaction] && (principal.IsAdmin() || transaction.UserId == principal.GetUserId())
            ? TypedResults.Ok(Envelope.Of(TransactionView.Of(transaction)))
            : Problems.NotFound("No such transaction.");
    }

    /// <summary>The transaction of one order, for services and admins reconciling orders with payments.</summary>
    public static async Task<Results<Ok<Envelope<TransactionView>>, ProblemHttpResult>> GetByOrderAsync(
        Guid orderId, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        var transactions = await db.ReadTransactionsAsync("order_id = @order_id", [("order_id", orderId)], cancellationToken);
        return transactions is [var transaction]
            ? TypedResults.Ok(Envelope.Of(TransactionView.Of(transaction)))
            : Problems.NotFound("No transaction for this order.");
    }

    public static async Task<Results<Ok<PagedEnvelope<TransactionView>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal principal, PaymentsDbContext db, CancellationToken cancellationToken, int page = 1, int limit = 20)
    {
        if (Pagination.Refusal(page, limit) is { } refusal)
        {
            return refusal;
        }

        var (total, items) = await db.ReadPageAsync(
            TransactionRows.ReadPageOfUser(principal.GetUserId(), (page - 1) * limit, limit), TransactionRows.ReadAsync, cancellationToken);
        return TypedResults.Ok(Envelope.Page(items.Select(TransactionView.Of).ToList(), Pagination.Of(page, limit, total)));
    }
}
