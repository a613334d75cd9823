namespace Marketplace.Checkout.Saga;

/// <summary>
/// What an orchestrator drives its steps through, as a Dapr Workflow orchestration does through its context:
/// each step runs at most once to a recorded outcome, and a replay after a restart returns the recorded outcome.
/// </summary>
public interface ISagaContext
{
    /// <summary>
    /// Runs a step, or returns its recorded outcome. Transient failures are retried with backoff (until the saga's
    /// deadline, or with <see cref="SagaRetry.UntilDone"/> for as long as it takes); a step that fails for good throws
    /// <see cref="SagaStepFailedException"/>.
    /// </summary>
    Task<TOutput> CallActivityAsync<TInput, TOutput>(ISagaActivity<TInput, TOutput> activity, TInput input, SagaRetry retry = SagaRetry.UntilDeadline);

    /// <summary>Runs a step's compensation once, retrying transient failures for as long as it takes.</summary>
    Task CompensateAsync<TInput, TOutput>(ICompensableStep<TInput, TOutput> step, TInput input, TOutput? output, string reason)
        where TOutput : class;

    /// <summary>
    /// Publishes what the saga has decided while it still runs, as a Dapr Workflow orchestration's custom status:
    /// whoever waits for the saga may answer with it instead of waiting for the steps that follow. Set it only from
    /// recorded outcomes, so that a replay decides the same.
    /// </summary>
    void SetCustomStatus(object customStatus);
}

public enum SagaRetry
{
    /// <summary>Before the pivot: give up at the saga's deadline so that it can compensate.</summary>
    UntilDeadline,

    /// <summary>After the pivot: there is no going back, so keep trying.</summary>
    UntilDone,
}
