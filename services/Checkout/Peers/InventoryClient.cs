using System.Net;
using System.Text.Json;
using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;

namespace Marketplace.Checkout.Peers;

/// <summary>The inventory service's reservation routes, all keyed by the reservation id (docs/internal-api.md, inventory).</summary>
public sealed class InventoryClient(HttpClient http)
{
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

    /// <summary>Turns the reservation into a sale; answers the problem when inventory refuses.</summary>
    public async Task<StockCommit> CommitAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(HttpMethod.Post, "/api/inventory/commit", new { reservationId }, $"commit:{reservationId}", cancellationToken);
        return response.IsSuccessStatusCode
            ? new StockCommit(true, null)
            : new StockCommit(false, $"{(int)response.StatusCode}: {PeerCall.Detail(await response.ReadProblemAsync(cancellationToken))}");
    }
}
