using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Inventory.Apis.Requests;
using Marketplace.Inventory.Domain;
using Marketplace.Inventory.Stock;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Inventory.Apis;

/// <summary>Service-to-service stock holds for checkout; the gateway never routes these.</summary>
public static class ReservationsApi
{
    public static IEndpointRouteBuilder MapReservationsApi(this IEndpointRouteBuilder app)
    {
        var reservations = app.MapGroup("/api/inventory").WithTags("Reservations").RequireAuthorization(Policies.Internal);
        reservations.MapPost("/reserve", ReserveAsync).WithValidation<ReservationRequest>();
        reservations.MapPost("/release", ReleaseAsync).WithValidation<ReservationRequest>();
        reservations.MapPost("/commit", CommitAsync).WithValidation<CommitRequest>();
        reservations.MapPost("/reserve/batch", ReserveBatchAsync).WithValidation<ReserveBatchRequest>();
        reservations.MapPost("/commit/batch", CommitBatchAsync).WithValidation<CommitBatchRequest>();
        return app;
    }

    public static async Task<Results<Ok<Envelope<ReservationView>>, ProblemHttpResult, ValidationProblem>> ReserveAsync(
        ReservationRequest request, Reservations reservations, CancellationToken cancellationToken)
    {
        var lines = request.Lines();
        if (lines.Count == 0)
        {
            return Problems.Validation("items", "Give items, or a productId and quantity.");
        }

        var result = await reservations.ReserveAsync(request.ReservationId ?? Guid.CreateVersion7(), lines, cancellationToken);
        if (result.Reservation is null)
        {
            return Problems.Conflict(ShortageDetail(result.Shortages), new Dictionary<string, object?> { ["items"] = result.Shortages });
        }

        return TypedResults.Ok(Envelope.Of(ReservationView.Of(result.Reservation)));
    }

    /// <summary>Each reservation as <c>/reserve</c> would answer it, in the order given, all in one transaction.</summary>
    public static async Task<Ok<Envelope<List<ReservationOutcome>>>> ReserveBatchAsync(
        ReserveBatchRequest request, Reservations reservations, CancellationToken cancellationToken)
    {
        var orders = request.Reservations!.Select(r => new Reservations.ReservationOrder(r.ReservationId!.Value, r.Lines())).ToList();
        var results = await reservations.ReserveAllAsync(orders, cancellationToken);
        return TypedResults.Ok(Envelope.Of(orders.Select(order => ReservationOutcome.Of(order.ReservationId, results[order.ReservationId])).ToList()));
    }

    /// <summary>Each commit as <c>/commit</c> would answer it, in the order given, all in one transaction.</summary>
    public static async Task<Ok<Envelope<List<CommitOutcome>>>> CommitBatchAsync(
        CommitBatchRequest request, Reservations reservations, CancellationToken cancellationToken)
    {
        var ids = request.ReservationIds!.Select(id => id!.Value).ToList();
        var results = await reservations.CommitAllAsync(ids, cancellationToken);
        return TypedResults.Ok(Envelope.Of(ids.Select(id => CommitOutcome.Of(id, results[id])).ToList()));
    }

    public static string ShortageDetail(IEnumerable<StockShortage> shortages) =>
        string.Join(' ', shortages.Select(shortage => shortage.Describe()).Prepend("Nothing was reserved."));

    public static async Task<Ok<Envelope<ReservationView>>> ReleaseAsync(
        ReservationRequest request, Reservations reservations, CancellationToken cancellationToken)
    {
        if (request.ReservationId is not { } reservationId)
        {
            var line = request.Lines()[0];
            var released = await reservations.ReleaseByProductAsync(line.ProductId, line.Quantity, cancellationToken);
            return TypedResults.Ok(Envelope.Of(new ReservationView(null, [line with { Quantity = released }], ReservationStatus.Released)));
        }

        var reservation = await reservations.ReleaseAsync(reservationId, cancellationToken);
        return TypedResults.Ok(Envelope.Of(reservation is null ? new ReservationView(reservationId, [], ReservationStatus.Released) : ReservationView.Of(reservation)));
    }

    public static async Task<Results<Ok<Envelope<ReservationView>>, ProblemHttpResult>> CommitAsync(
        CommitRequest request, Reservations reservations, CancellationToken cancellationToken)
    {
        var reservationId = request.ReservationId!.Value;
        var (result, reservation) = await reservations.CommitAsync(reservationId, cancellationToken);
        return result switch
        {
            Reservations.CommitResult.NotFound => Problems.NotFound(CommitOutcome.Problem(reservationId, result)),
            Reservations.CommitResult.AlreadyReleased => Problems.Conflict(CommitOutcome.Problem(reservationId, result)),
            _ => TypedResults.Ok(Envelope.Of(ReservationView.Of(reservation!))),
        };
    }
}
