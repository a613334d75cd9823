using Microsoft.Extensions.Options;

namespace Marketplace.Checkout.Processing;

/// <summary>This instance's identity as a lease holder, and how long its leases last.</summary>
public sealed class SagaLease(IOptions<CheckoutOptions> options)
{
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public TimeSpan Duration => options.Value.LeaseDuration;
}
