using System.Collections.Concurrent;
using Marketplace.Checkout.Infrastructure;
using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;
using Microsoft.Extensions.Options;

namespace Marketplace.Checkout.Processing;

/// <summary>
/// Drives the sagas this instance holds the lease of, each on its own task, and lets requests await the ones in
/// flight. What a request awaits is the saga's decided result: its custom status once the orchestrator publishes one
/// (a confirmed checkout, before its stock is committed), else its result when it ends; null when the run stopped
/// early without either (lease lost, retries handed back to the recovery worker, shutdown).
/// </summary>
public sealed class CheckoutRunner(
    IServiceScopeFactory scopes,
    IOptions<CheckoutOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<CheckoutRunner> logger)
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<CheckoutResult?>>> _inFlight = new();

    /// <summary>Starts driving a leased saga, or joins the run already in flight; the decided result.</summary>
    public Task<CheckoutResult?> Drive(SagaRun run) =>
        _inFlight.GetOrAdd(run.SagaId, _ => new Lazy<Task<CheckoutResult?>>(() => Start(run))).Value;

    public Task<CheckoutResult?>? InFlight(Guid sagaId) => _inFlight.TryGetValue(sagaId, out var run) ? run.Value : null;

    public Guid[] InFlightIds => _inFlight.Keys.ToArray();

    private Task<CheckoutResult?> Start(SagaRun run)
    {
        var decided = new TaskCompletionSource<CheckoutResult?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            try
            {
                decided.TrySetResult(await RunAsync(run, decided));
            }
            catch (Exception exception)
            {
                // Not even suspended (the database unreachable): the lease runs out and recovery resumes the saga.
                logger.LogError(exception, "Saga {SagaId} could not be handed back; it resumes once its lease expires", run.SagaId);
            }
            finally
            {
                _inFlight.TryRemove(run.SagaId, out _);
                decided.TrySetResult(null);
            }
        });
        return decided.Task;
    }

    private async Task<CheckoutResult?> RunAsync(SagaRun run, TaskCompletionSource<CheckoutResult?> decided)
    {
        var stopping = lifetime.ApplicationStopping;
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<SagaStore>();
        var orchestrator = scope.ServiceProvider.GetRequiredService<CheckoutOrchestrator>();
        var settings = options.Value;
        var retry = new SagaRetryOptions(settings.RetryInitialDelay, settings.RetryMaxDelay, settings.RunBudget);
        var context = new DurableSagaContext(store, run, retry, clock, logger, stopping,
            customStatus => decided.TrySetResult((CheckoutResult)customStatus));
        try
        {
            var result = await orchestrator.RunAsync(context, SagaJson.Deserialize<CheckoutInput>(run.Input));
            return await store.CompleteAsync(run.SagaId, SagaJson.Serialize(result), stopping) ? result : null;
        }
        catch (SagaSuspendedException suspended)
        {
            logger.LogWarning("Saga {SagaId} suspended: {Reason}", run.SagaId, suspended.Message);
            await store.SuspendAsync(run.SagaId, settings.RetryLaterDelay, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: hand the saga straight to whichever instance recovers it first.
            await store.SuspendAsync(run.SagaId, TimeSpan.Zero, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Saga {SagaId} stopped unexpectedly; it will be resumed", run.SagaId);
            await store.SuspendAsync(run.SagaId, settings.RetryLaterDelay, CancellationToken.None);
        }

        return null;
    }
}
