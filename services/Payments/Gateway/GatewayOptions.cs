namespace Marketplace.Payments.Gateway;

public sealed class GatewayOptions
{
    public const string Section = "Payments:Gateway";

    /// <summary>How long one call to the provider may take before it counts as a transient failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Calls per charge, the first included, before the charge is recorded as failed.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; doubles on each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest one charge can spend on the provider: every attempt timing out, plus the backoff between them.</summary>
    public TimeSpan ChargeBudget => Timeout * MaxAttempts + RetryDelay * (Math.Pow(2, MaxAttempts - 1) - 1);
}
