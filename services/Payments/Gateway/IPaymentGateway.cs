namespace Marketplace.Payments.Gateway;

/// <summary>A payment provider. Both calls are idempotent by their key, as real providers' APIs are.</summary>
public interface IPaymentGateway
{
    /// <summary>Charges a card; throws <see cref="GatewayUnavailableException"/> when the outcome is a transient error.</summary>
    Task<GatewayResult> ChargeAsync(GatewayCharge charge, CancellationToken cancellationToken);

    Task<GatewayResult> RefundAsync(string providerTransactionId, string idempotencyKey, CancellationToken cancellationToken);
}

public sealed record GatewayCharge(string IdempotencyKey, decimal Amount, string Currency, string PaymentMethod);

public sealed record GatewayResult(bool Approved, string? ProviderTransactionId, string? DeclineReason)
{
    public static GatewayResult Approve(string providerTransactionId) => new(true, providerTransactionId, null);

    public static GatewayResult Decline(string reason) => new(false, null, reason);
}

/// <summary>The provider could not process the call this time; the same call may succeed if retried.</summary>
public sealed class GatewayUnavailableException(string message) : Exception(message);
