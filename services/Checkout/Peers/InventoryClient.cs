using Marketplace.Checkout.Workflow;

namespace Marketplace.Checkout.Peers;

/// <summary>The inventory service's reservation routes, all keyed by the reservation id (docs/internal-api.md, inventory).</summary>
public sealed class InventoryClient(HttpClient http)
{
    /// <summary>Reserves every line of each request or none of them, the requests in one call; the results in their order.</summary>
    public async Task<IReadOnlyList<StockReservation>> ReserveAllAsync(IReadOnlyList<StockRequest> requests, CancellationToken cancellationToken)
    {
        var body = new { reservations = requests.Select(request => new { request.ReservationId, request.Items }) };
        using var response = await http.SendAsync(HttpMethod.Post, "/api/inventory/reserve/batch", body, idempotencyKey: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await response.RejectedAsync("Reserving stock", cancellationToken);
        }

        var outcomes = await response.ReadDataAsync<List<ReservationOutcome>>(cancellationToken);
        return outcomes.ConvertAll(outcome => new StockReservation(outcome.Reserved, outcome.Shortages ?? []));
    }

    /// <summary>Returns the reservation's stock, also after a commit; a repeat or an unknown reservation changes nothing.</summary>
    public async Task ReleaseAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(HttpMethod.Post, "/api/inventory/release", new { reservationId }, $"release:{reservationId}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await response.RejectedAsync("Releasing stock", cancellationToken);
        }
    }

    /// <summary>Turns each reservation into a sale, in one call; a refused one comes back with the problem.</summary>
    public async Task<IReadOnlyList<StockCommit>> CommitAllAsync(IReadOnlyList<Guid> reservationIds, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(HttpMethod.Post, "/api/inventory/commit/batch", new { reservationIds }, idempotencyKey: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await response.RejectedAsync("Committing stock", cancellationToken);
        }

        var outcomes = await response.ReadDataAsync<List<CommitOutcome>>(cancellationToken);
        return outcomes.ConvertAll(outcome => outcome.Outcome == CommittedOutcome
            ? new StockCommit(true, null)
            : new StockCommit(false, $"{outcome.Outcome}: {outcome.Detail}"));
    }

    private const string CommittedOutcome = "Committed";

    private sealed record ReservationOutcome(Guid ReservationId, bool Reserved, List<StockShortage>? Shortages);

    private sealed record CommitOutcome(Guid ReservationId, string Outcome, string? Detail);
}
