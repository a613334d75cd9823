using System.Collections.Concurrent;
using Marketplace.Checkout.Infrastructure;
using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;
using Microsoft.Extensions.Options;

namespace Marketplace.Checkout.Processing;

/// <summary>
/// Drives the sagas this instance holds the lease of, each on its own task, and lets requests await the ones in
/// flight. A run ends with the saga's result, or with null when it stopped early (lease lost, retries handed back
/// to the recovery worker, shutdown).
/// </summary>
public sealed class CheckoutRunner(
    IServiceScopeFactory scopes,
    IOptions<CheckoutOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<CheckoutRunner> logger)
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<CheckoutResult?>>> _inFlight = new();

    /// <summary>Starts driving a leased saga, or returns the run already in flight.</summary>
    public Task<CheckoutResult?> Drive(SagaRun run) =>
        _inFlight.GetOrAdd(run.SagaId, _ => new Lazy<Task<CheckoutResult?>>(() => Task.Run(() => RunAndForgetAsync(run)))).Value;

    public Task<CheckoutResult?>? InFlight(Guid sagaId) => _inFlight.TryGetValue(sagaId, out var run) ? run.Value : null;

    public Guid[] InFlightIds => _inFlight.Keys.ToArray();

    private async Task<CheckoutResult?> RunAndForgetAsync(SagaRun run)
    {
        try
        {
            return await RunAsync(run);
        }
        finally
        {
            _inFlight.TryRemove(run.SagaId, out _);
        }
    }

    private async Task<CheckoutResult?> RunAsync(SagaRun run)
    {
        var stopping = lifetime.ApplicationStopping;
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<SagaStore>();
        var orchestrator = scope.ServiceProvider.GetRequiredService<CheckoutOrchestrator>();
        var settings = options.Value;
        var retry = new SagaRetryOptions(settings.RetryInitialDelay, settings.RetryMaxDelay, settings.RunBudget);
        var context = new DurableSagaContext(store, run, retry, clock, logger, stopping);
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
