namespace Marketplace.Checkout.Processing;

public sealed class CheckoutOptions
{
    public const string Section = "Checkout";

    /// <summary>How long <c>POST /api/checkout</c> waits for the saga before answering 202 with a status link.</summary>
    public TimeSpan ResponseWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after the checkout started forward steps keep retrying transient failures before it compensates.</summary>
    public TimeSpan RetryDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a saga stays with the instance driving it without that instance renewing the lease (it does so every
    /// third of this while it drives the saga); after that, recovery on any instance may resume it.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the recovery worker looks for sagas nobody drives.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int RecoveryBatchSize { get; set; } = 20;

    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one run retries a compensation or a post-pivot step before handing the saga back for later.</summary>
    public TimeSpan RunBudget { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>When a handed-back saga is tried again.</summary>
    public TimeSpan RetryLaterDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one call to the payment service, which may wait for a slow provider (its contract asks for at least 5 s).</summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string Currency { get; set; } = "USD";

    /// <summary>The most calls of one kind sent to a peer in one batch.</summary>
    public int PeerBatchSize { get; set; } = 32;

    /// <summary>
    /// Batches of one kind on their way to a peer at once; a call made while that many are out waits for the next
    /// batch. Two cores do no more work with more in flight, only more of it at a time.
    /// </summary>
    public int PeerBatchesInFlight { get; set; } = 2;

    /// <summary>Test-only fault: the process kills itself right after recording this step (e.g. <c>StockReserved</c>).</summary>
    public string? CrashAfter { get; set; }
}
