using Marketplace.Checkout.Infrastructure;
using Marketplace.Checkout.Workflow;

namespace Marketplace.Checkout.Peers;

/// <summary>
/// Turns reservations into sales several at a time: the commits of concurrent checkouts go to inventory in one call
/// and one transaction there. Each checkout still gets its own outcome; a failed call fails every commit in it, and
/// each saga retries its own (a commit is idempotent).
/// </summary>
public sealed class StockCommits(IServiceScopeFactory scopes) : GroupedCalls<Guid, StockCommit>(InventoryClient.MaxCommitsPerCall)
{
    public Task<StockCommit> CommitAsync(Guid reservationId, CancellationToken cancellationToken) => CallAsync(reservationId, cancellationToken);

    protected override async Task SendAsync(IReadOnlyList<Call> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var inventory = scope.ServiceProvider.GetRequiredService<InventoryClient>();
        var commits = await inventory.CommitAllAsync(batch.Select(call => call.Item).Distinct().ToList(), CancellationToken.None);
        foreach (var call in batch)
        {
            call.Done.TrySetResult(commits[call.Item]);
        }
    }
}
