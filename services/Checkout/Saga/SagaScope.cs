namespace Marketplace.Checkout.Saga;

/// <summary>The compensable steps done so far and how to undo them, newest first.</summary>
public sealed class SagaScope(ISagaContext context)
{
    private readonly Stack<Func<string, Task>> _compensations = new();

    /// <summary>Runs a step and remembers its compensation, also when the step failed without a known outcome.</summary>
    public async Task<TOutput> CallAsync<TInput, TOutput>(ICompensableStep<TInput, TOutput> step, TInput input)
        where TOutput : class
    {
        try
        {
            var output = await context.CallActivityAsync(step, input);
            _compensations.Push(reason => context.CompensateAsync(step, input, output, reason));
            return output;
        }
        catch (SagaStepFailedException)
        {
            _compensations.Push(reason => context.CompensateAsync(step, input, null, reason));
            throw;
        }
    }

    /// <summary>Undoes every step done so far, in reverse order.</summary>
    public async Task CompensateAsync(string reason)
    {
        while (_compensations.TryPop(out var compensate))
        {
            await compensate(reason);
        }
    }
}
