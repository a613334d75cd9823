namespace Marketplace.Checkout.Saga;

/// <summary>
/// One step of a saga, shaped like a Dapr Workflow activity. It may run more than once (a retry, a restart),
/// so everything it calls carries an idempotency key.
/// </summary>
public interface ISagaActivity<in TInput, TOutput>
{
    /// <summary>The name the step's outcome is recorded under, e.g. <c>StockReserved</c>.</summary>
    string Name { get; }

    /// <summary>Throws <see cref="TransientFailureException"/> for failures worth retrying; any other exception fails the step for good.</summary>
    Task<TOutput> ExecuteAsync(TInput input, CancellationToken cancellationToken);
}

/// <summary>A step that can be undone when a later step fails.</summary>
public interface ICompensableStep<in TInput, TOutput> : ISagaActivity<TInput, TOutput>
    where TOutput : class
{
    /// <summary>The name the compensation's outcome is recorded under, e.g. <c>StockReleased</c>.</summary>
    string CompensationName { get; }

    /// <summary>
    /// Undoes the step. <paramref name="output"/> is null when the step failed without a known outcome,
    /// so it may or may not have taken effect.
    /// </summary>
    Task CompensateAsync(TInput input, TOutput? output, string reason, CancellationToken cancellationToken);
}
