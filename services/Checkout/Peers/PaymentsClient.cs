using System.Net;
using System.Text.Json.Nodes;
using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;

namespace Marketplace.Checkout.Peers;

/// <summary>The payment service's internal routes; a charge is idempotent by order id (docs/internal-api.md, payments).</summary>
public sealed class PaymentsClient(HttpClient http)
{
    private const string Completed = "Completed";
    private const string Pending = "Pending";
    private const int MaxReasonLength = 500;

    /// <summary>Charges the order once however often it is asked. Any refusal other than a transient one is a failed payment.</summary>
    public async Task<PaymentOutcome> ChargeAsync(PaymentRequest request, string currency, CancellationToken cancellationToken)
    {
        var body = new { request.OrderId, request.UserId, request.Amount, currency, request.PaymentMethod };
        using var response = await http.SendAsync(HttpMethod.Post, "/api/payments", body, request.OrderId.ToString(), cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var payment = await response.ReadDataAsync<PaymentData>(cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted || payment.Status == Pending)
            {
                throw new TransientFailureException($"The charge of order {request.OrderId} is still in progress.");
            }

            return new PaymentOutcome(payment.TransactionId, payment.Status == Completed, payment.FailureReason);
        }

        // A decline carries the transaction inside the problem, under "data" or at the top.
        var problem = await response.ReadProblemAsync(cancellationToken);
        var data = problem["data"] as JsonObject ?? problem;
        Guid? transactionId = Guid.TryParse(data["transactionId"]?.ToString(), out var id) ? id : null;
        var reason = data["failureReason"]?.ToString() ?? PeerCall.Detail(problem) ?? $"refused with {(int)response.StatusCode}";
        return new PaymentOutcome(transactionId, false, reason);
    }

    public async Task RefundAsync(Guid transactionId, string reason, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(HttpMethod.Post, $"/api/payments/{transactionId}/refund", new { reason = reason.Bounded(MaxReasonLength) }, $"refund:{transactionId}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await response.RejectedAsync($"Refunding transaction {transactionId}", cancellationToken);
        }
    }

    private sealed record PaymentData(Guid? TransactionId, string? Status, string? FailureReason);
}
