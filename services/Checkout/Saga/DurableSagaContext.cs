using Microsoft.Extensions.Logging;

namespace Marketplace.Checkout.Saga;

/// <summary>
/// Drives one saga run: replays recorded outcomes, runs the rest with retries and backoff, and records every
/// outcome before the orchestrator moves on, so that a crash anywhere resumes from the last recorded step.
/// </summary>
public sealed class DurableSagaContext : ISagaContext
{
    private const int MaxErrorLength = 2000;
    private readonly ISagaJournal _journal;
    private readonly SagaRun _run;
    private readonly SagaRetryOptions _retry;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly Dictionary<string, StepRecord> _history;
    private readonly DateTimeOffset _runEndsAt;
    private readonly Action<object>? _customStatusSet;

    public DurableSagaContext(
        ISagaJournal journal, SagaRun run, SagaRetryOptions retry, TimeProvider clock, ILogger logger, CancellationToken stopping, Action<object>? customStatusSet = null)
    {
        _journal = journal;
        _run = run;
        _retry = retry;
        _clock = clock;
        _logger = logger;
        _stopping = stopping;
        _history = run.History.ToDictionary(record => record.Name);
        _runEndsAt = clock.GetUtcNow() + retry.RunBudget;
        _customStatusSet = customStatusSet;
    }

    public async Task<TOutput> CallActivityAsync<TInput, TOutput>(ISagaActivity<TInput, TOutput> activity, TInput input, SagaRetry retry = SagaRetry.UntilDeadline)
    {
        if (_history.TryGetValue(activity.Name, out var recorded))
        {
            return recorded.Error is null
                ? SagaJson.Deserialize<TOutput>(recorded.Result)
                : throw new SagaStepFailedException(activity.Name, recorded.Error);
        }

        TOutput output;
        try
        {
            var giveUpAt = retry == SagaRetry.UntilDeadline ? _run.DeadlineAt : (DateTimeOffset?)null;
            output = await WithRetriesAsync(activity.Name, cancellationToken => activity.ExecuteAsync(input, cancellationToken), giveUpAt);
        }
        catch (Exception failure) when (IsStepFailure(failure))
        {
            _logger.LogWarning("Saga {SagaId}: step {Step} failed: {Error}", _run.SagaId, activity.Name, failure.Message);
            await RecordAsync(new StepRecord(activity.Name, null, failure.Message.Bounded(MaxErrorLength)), SagaPhase.Running);
            throw new SagaStepFailedException(activity.Name, failure.Message);
        }

        await RecordAsync(new StepRecord(activity.Name, SagaJson.Serialize(output), null), SagaPhase.Running);
        return output;
    }

    public async Task CompensateAsync<TInput, TOutput>(ICompensableStep<TInput, TOutput> step, TInput input, TOutput? output, string reason)
        where TOutput : class
    {
        if (_history.ContainsKey(step.CompensationName))
        {
            return;
        }

        string? error = null;
        try
        {
            await WithRetriesAsync(step.CompensationName, async cancellationToken =>
            {
                await step.CompensateAsync(input, output, reason, cancellationToken);
                return true;
            }, giveUpAt: null);
        }
        catch (Exception failure) when (IsStepFailure(failure))
        {
            // Retrying cannot fix a refusal; the record keeps the reason for whoever reconciles it.
            _logger.LogError("Saga {SagaId}: compensation {Step} was refused: {Error}", _run.SagaId, step.CompensationName, failure.Message);
            error = failure.Message.Bounded(MaxErrorLength);
        }

        await RecordAsync(new StepRecord(step.CompensationName, null, error), SagaPhase.Compensating);
    }

    public void SetCustomStatus(object customStatus) => _customStatusSet?.Invoke(customStatus);

    private bool IsStepFailure(Exception failure) =>
        failure is not SagaSuspendedException && !(failure is OperationCanceledException && _stopping.IsCancellationRequested);

    private async Task<T> WithRetriesAsync<T>(string step, Func<CancellationToken, Task<T>> attempt, DateTimeOffset? giveUpAt)
    {
        var delay = _retry.InitialDelay;
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            try
            {
                return await attempt(_stopping);
            }
            catch (TransientFailureException failure) when (!_stopping.IsCancellationRequested)
            {
                var retryAt = _clock.GetUtcNow() + delay;
                if (retryAt > giveUpAt)
                {
                    throw new TimeoutException($"still failing at the deadline after {attemptNumber} attempts: {failure.Message}", failure);
                }

                if (retryAt > _runEndsAt)
                {
                    throw new SagaSuspendedException($"{step} still failing after {attemptNumber} attempts: {failure.Message}");
                }

                _logger.LogInformation("Saga {SagaId}: {Step} attempt {Attempt} failed ({Error}); retrying in {Delay}", _run.SagaId, step, attemptNumber, failure.Message, delay);
                await Task.Delay(delay, _clock, _stopping);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _retry.MaxDelay.Ticks));
                if (!await _journal.RenewLeaseAsync(_run.SagaId, _stopping))
                {
                    throw new SagaSuspendedException("The lease was lost while retrying.");
                }
            }
        }
    }

    private async Task RecordAsync(StepRecord record, SagaPhase phase)
    {
        if (!await _journal.RecordAsync(_run.SagaId, record, phase, _stopping))
        {
            throw new SagaSuspendedException($"The lease was lost before {record.Name} could be recorded.");
        }

        _history[record.Name] = record;
    }
}
