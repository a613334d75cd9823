using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;

namespace Marketplace.Checkout.Peers;

/// <summary>The inventory service's reservation routes, all keyed by the reservation id (docs/internal-api.md, inventory).</summary>
public sealed class InventoryClient(HttpClient http)
{
    /// <summary>The most reservations inventory commits in one call.</summary>
    public const int MaxCommitsPerCall = 64;

    /// <summary>Reserves every line or none; a shortage comes back as the short items.</summary>
    public async Task<StockReservation> ReserveAsync(StockRequest request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(HttpMethod.Post, "/api/inventory/reserve", request, $"reserve:{request.ReservationId}", cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new StockReservation(true, []);
        }

        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var problem = await response.ReadProblemAsync(cancellationToken);
            var shortages = problem["items"]?.Deserialize<List<StockShortage>>(SagaJson.Options) ?? [];
            return new StockReservation(false, shortages);
        }

        throw await response.RejectedAsync("Reserving stock", cancellationToken);
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

    /// <summary>Turns reservations into sales in one call; per reservation, the problem when inventory refuses it.</summary>
    public async Task<IReadOnlyDictionary<Guid, StockCommit>> CommitAllAsync(IReadOnlyList<Guid> reservationIds, CancellationToken cancellationToken)
    {
        var key = $"commits:{Convert.ToHexString(SHA256.HashData(reservationIds.SelectMany(id => id.ToByteArray()).ToArray()))}";
        using var response = await http.SendAsync(HttpMethod.Post, "/api/inventory/commits", new { reservationIds }, key, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var refusal = new StockCommit(false, $"{(int)response.StatusCode}: {PeerCall.Detail(await response.ReadProblemAsync(cancellationToken))}");
            return reservationIds.ToDictionary(id => id, _ => refusal);
        }

        var outcomes = (await response.ReadDataAsync<List<CommitOutcome>>(cancellationToken)).ToDictionary(outcome => outcome.ReservationId);
        return reservationIds.ToDictionary(id => id, id => outcomes.GetValueOrDefault(id) switch
        {
            { Committed: true } => new StockCommit(true, null),
            { } refused => new StockCommit(false, refused.Problem),
            null => new StockCommit(false, "Inventory did not answer for this reservation."),
        });
    }

    /// <summary>Inventory's answer for one reservation of a commit call (docs/internal-api.md).</summary>
    private sealed record CommitOutcome(Guid ReservationId, bool Committed, string? Problem);
}
