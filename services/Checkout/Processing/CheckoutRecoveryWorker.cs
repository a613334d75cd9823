using Marketplace.Checkout.Infrastructure;
using Microsoft.Extensions.Options;

namespace Marketplace.Checkout.Processing;

/// <summary>
/// Resumes the sagas nobody drives: those of a crashed or stopped instance once their lease expires, and those
/// handed back to retry later. Runs at start-up and then every <see cref="CheckoutOptions.RecoveryInterval"/>.
/// </summary>
public sealed class CheckoutRecoveryWorker(
    IServiceScopeFactory scopes,
    CheckoutRunner runner,
    IOptions<CheckoutOptions> options,
    ILogger<CheckoutRecoveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecoveryInterval);
        do
        {
            try
            {
                await RecoverAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Saga recovery pass failed; retrying");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Claims a batch of abandoned sagas and starts driving them; returns how many it claimed.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var claimed = await scope.ServiceProvider.GetRequiredService<SagaStore>().ClaimAbandonedAsync(options.Value.RecoveryBatchSize, cancellationToken);
        foreach (var run in claimed)
        {
            logger.LogInformation("Resuming saga {SagaId} after {Steps} recorded steps", run.SagaId, run.History.Count);
            _ = runner.Drive(run);
        }

        return claimed.Count;
    }
}
