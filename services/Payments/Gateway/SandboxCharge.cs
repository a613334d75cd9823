namespace Marketplace.Payments.Gateway;

/// <summary>
/// The sandbox provider's own ledger. It lives in this service's database so that, like a real provider,
/// it remembers charges across restarts of the payment service.
/// </summary>
public sealed class SandboxCharge
{
    public required string IdempotencyKey { get; init; }
    public required string ProviderTransactionId { get; init; }
    public decimal Amount { get; init; }
    public required string Currency { get; init; }
    public int Attempts { get; set; }
    public bool Refunded { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
