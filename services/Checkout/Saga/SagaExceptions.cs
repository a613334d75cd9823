namespace Marketplace.Checkout.Saga;

/// <summary>A failure that may go away: a peer that is down, slow or overloaded.</summary>
public sealed class TransientFailureException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>A step failed for good (or ran out of retries), so the orchestrator must compensate.</summary>
public sealed class SagaStepFailedException(string step, string reason) : Exception($"{step} failed: {reason}")
{
    public string Step { get; } = step;
    public string Reason { get; } = reason;
}

/// <summary>This instance stops driving the saga (lease lost, or retries outlasted the run); it resumes later, here or elsewhere.</summary>
public sealed class SagaSuspendedException(string message) : Exception(message);
