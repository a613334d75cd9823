using Marketplace.Checkout.Infrastructure;
using Microsoft.Extensions.Options;

namespace Marketplace.Checkout.Processing;

/// <summary>
/// Renews the leases of the sagas this instance is driving every third of the lease duration, so that only an
/// instance that died (or stopped renewing) loses its sagas to recovery, never one stuck in a slow call.
/// </summary>
public sealed class LeaseHeartbeat(
    IServiceScopeFactory scopes,
    CheckoutRunner runner,
    IOptions<CheckoutOptions> options,
    ILogger<LeaseHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseDuration / 3);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var driving = runner.InFlightIds;
            if (driving.Length == 0)
            {
                continue;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SagaStore>().RenewLeasesAsync(driving, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Renewing the leases of {Count} sagas failed; retrying", driving.Length);
            }
        }
    }
}
