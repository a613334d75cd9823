using System.Security.Claims;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Payments.Apis.Requests;
using Marketplace.Payments.Domain;
using Marketplace.Payments.Infrastructure;
using Marketplace.Payments.Processing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Payments.Apis;

public static class PaymentsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 100;
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var payments = app.MapGroup("/api/payments").WithTags("Payments");
        payments.MapPost("/", ChargeAsync).WithValidation<ChargeRequest>().RequireAuthorization(Policies.Internal);
        payments.MapPost("/{transactionId:guid}/refund", RefundAsync).RequireAuthorization(Policies.InternalOrAdmin);
        payments.MapGet("/{transactionId:guid}", GetAsync).RequireAuthorization(Policies.User);
        payments.MapGet("/", ListAsync).RequireAuthorization(Policies.User);
        payments.MapGet("/orders/{orderId:guid}", GetByOrderAsync).RequireAuthorization(Policies.InternalOrAdmin);
        return app;
    }

    /// <summary>Charges an order once: a repeat (same order, or same Idempotency-Key) returns the first transaction.</summary>
    public static async Task<Results<Ok<Envelope<TransactionView>>, ProblemHttpResult, ValidationProblem>> ChargeAsync(
        ChargeRequest request, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, PaymentProcessor processor,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is { Length: 0 or > MaxIdempotencyKeyLength })
        {
            return Problems.Validation(IdempotencyKeyHeader, $"Idempotency-Key must be 1 to {MaxIdempotencyKeyLength} characters.");
        }

        var command = new ChargeCommand(request.OrderId!.Value, request.UserId!.Value, request.Amount!.Value, request.CurrencyOrDefault,
            request.PaymentMethodOrDefault, idempotencyKey ?? request.OrderId.Value.ToString());
        var transaction = await processor.ChargeAsync(command, cancellationToken);
        if (transaction is null)
        {
            return Problems.Conflict("This Idempotency-Key was already used for another order.");
        }

        var view = TransactionView.Of(transaction);
        return transaction.Status == PaymentStatus.Failed
            ? TypedResults.Problem(
                detail: transaction.FailureReason ?? "The payment failed.",
                statusCode: StatusCodes.Status402PaymentRequired,
                title: "Payment failed",
                extensions: new Dictionary<string, object?> { ["data"] = view })
            : TypedResults.Ok(Envelope.Of(view));
    }

    public static async Task<Results<Ok<Envelope<TransactionView>>, ProblemHttpResult>> RefundAsync(
        Guid transactionId, [FromBody] RefundRequest? request, PaymentProcessor processor, CancellationToken cancellationToken)
    {
        var (result, transaction) = await processor.RefundAsync(transactionId, request?.Reason, cancellationToken);
        return result switch
        {
            RefundResult.Refunded => TypedResults.Ok(Envelope.Of(TransactionView.Of(transaction!), "Payment refunded")),
            RefundResult.NotRefundable => Problems.Conflict($"A {transaction!.Status} payment cannot be refunded."),
            _ => Problems.NotFound("No such transaction."),
        };
    }

    public static async Task<Results<Ok<Envelope<TransactionView>>, ProblemHttpResult>> GetAsync(
        Guid transactionId, ClaimsPrincipal principal, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        var transaction = await db.Transactions.AsNoTracking().SingleOrDefaultAsync(t => t.Id == transactionId, cancellationToken);
        return transaction is not null && (principal.IsAdmin() || transaction.UserId == principal.GetUserId())
            ? TypedResults.Ok(Envelope.Of(TransactionView.Of(transaction)))
            : Problems.NotFound("No such transaction.");
    }

    /// <summary>The transaction of one order, for the checkout saga when it no longer knows whether a charge went through.</summary>
    public static async Task<Results<Ok<Envelope<TransactionView>>, ProblemHttpResult>> GetByOrderAsync(
        Guid orderId, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        var transaction = await db.Transactions.AsNoTracking().SingleOrDefaultAsync(t => t.OrderId == orderId, cancellationToken);
        return transaction is null
            ? Problems.NotFound("No transaction for this order.")
            : TypedResults.Ok(Envelope.Of(TransactionView.Of(transaction)));
    }

    public static async Task<Results<Ok<PagedEnvelope<TransactionView>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal principal, PaymentsDbContext db, CancellationToken cancellationToken, int page = 1, int limit = 20)
    {
        if (page < 1)
        {
            return Problems.Validation("page", "Page must be at least 1.");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Validation("limit", $"Limit must be 1 to {MaxPageSize}.");
        }

        var userId = principal.GetUserId();
        var mine = db.Transactions.AsNoTracking().Where(t => t.UserId == userId);
        var total = await mine.LongCountAsync(cancellationToken);
        var items = await mine.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Skip((page - 1) * limit).Take(limit).ToListAsync(cancellationToken);
        return TypedResults.Ok(Envelope.Page(items.Select(TransactionView.Of).ToList(), Pagination.Of(page, limit, total)));
    }
}
