using Marketplace.Checkout.Saga;

namespace Marketplace.Checkout.Tests.Saga;

/// <summary>Everything the scripted steps did, in order: step names, and compensation names (with "?" when the outcome was unknown).</summary>
public sealed class StepLog
{
    public List<string> Calls { get; } = [];
}

/// <summary>
/// A step whose attempts follow a script: each attempt takes the next behaviour (return an output or throw),
/// the last one repeating. Its compensation can be scripted the same way.
/// </summary>
public sealed class ScriptedStep<TInput, TOutput>(string name, string compensationName, StepLog log, params Func<TOutput>[] attempts)
    : ICompensableStep<TInput, TOutput>
    where TOutput : class
{
    private readonly Queue<Func<TOutput>> _attempts = new(attempts);
    private Func<TOutput> _last = attempts[^1];
    private readonly Queue<Action> _compensations = new();

    public string Name => name;
    public string CompensationName => compensationName;
    public List<TInput> Inputs { get; } = [];
    public List<TOutput?> CompensatedOutputs { get; } = [];

    public ScriptedStep<TInput, TOutput> CompensationBehaves(params Action[] behaviours)
    {
        foreach (var behaviour in behaviours)
        {
            _compensations.Enqueue(behaviour);
        }

        return this;
    }

    public Task<TOutput> ExecuteAsync(TInput input, CancellationToken cancellationToken)
    {
        log.Calls.Add(name);
        Inputs.Add(input);
        if (_attempts.TryDequeue(out var next))
        {
            _last = next;
        }

        return Task.FromResult(_last());
    }

    public Task CompensateAsync(TInput input, TOutput? output, string reason, CancellationToken cancellationToken)
    {
        log.Calls.Add(output is null ? compensationName + "?" : compensationName);
        CompensatedOutputs.Add(output);
        if (_compensations.TryDequeue(out var behaviour))
        {
            behaviour();
        }

        return Task.CompletedTask;
    }
}

public static class Behaviours
{
    public static Func<T> Transient<T>() => () => throw new TransientFailureException("peer unavailable");

    public static Func<T> Refused<T>() => () => throw new InvalidOperationException("peer refused");

    public static void TransientCompensation() => throw new TransientFailureException("peer unavailable");
}
