using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;

namespace Marketplace.Checkout.Peers;

/// <summary>The payment service's internal routes; a charge is idempotent by order id (docs/internal-api.md, payments).</summary>
public sealed class PaymentsClient(HttpClient http)
{
    private const string Completed = "Completed";
    private const string Pending = "Pending";
    private const int MaxReasonLength = 500;

    /// <summary>
    /// Charges each order once however often it is asked, several in one call. Any refusal is a failed payment; a
    /// charge still in progress (another request holds it, or the provider has not answered it yet) comes back as null.
    /// </summary>
    public async Task<IReadOnlyList<PaymentOutcome?>> ChargeAllAsync(IReadOnlyList<PaymentRequest> requests, string currency, CancellationToken cancellationToken)
    {
        var body = new { charges = requests.Select(request => new { request.OrderId, request.UserId, request.Amount, currency, request.PaymentMethod }) };
        using var response = await http.SendAsync(HttpMethod.Post, "/api/payments/batch", body, idempotencyKey: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await response.RejectedAsync("Charging orders", cancellationToken);
        }

        var charges = await response.ReadDataAsync<List<Charge>>(cancellationToken);
        return charges.ConvertAll(charge => charge switch
        {
            { Busy: true } or { Transaction.Status: Pending } => null,
            { Transaction: { } payment } => new PaymentOutcome(payment.TransactionId, payment.Status == Completed, payment.FailureReason),
            _ => new PaymentOutcome(null, false, charge.Detail),
        });
    }

    public async Task RefundAsync(Guid transactionId, string reason, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(HttpMethod.Post, $"/api/payments/{transactionId}/refund", new { reason = reason.Bounded(MaxReasonLength) }, $"refund:{transactionId}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await response.RejectedAsync($"Refunding transaction {transactionId}", cancellationToken);
        }
    }

    private sealed record Charge(Guid OrderId, PaymentData? Transaction, bool Busy, string? Detail);

    private sealed record PaymentData(Guid? TransactionId, string? Status, string? FailureReason);
}
