namespace Marketplace.Checkout.Saga;

/// <summary>Backoff between attempts of a failing step, and how long one run keeps at it before handing the saga back.</summary>
public sealed record SagaRetryOptions(TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan RunBudget);
