using Marketplace.Checkout.Infrastructure;

namespace Marketplace.Checkout.Tests.Peers;

public sealed class GroupedCallsTests
{
    [Fact]
    public async Task A_lone_call_goes_at_once_in_a_batch_of_its_own()
    {
        await using var calls = new GatedCalls(maxBatchSize: 3);
        calls.Open();

        Assert.Equal(10, await calls.RunAsync(1));
        Assert.Equal([[1]], calls.Batches);
    }

    [Fact]
    public async Task Calls_made_while_a_batch_is_out_go_together_in_the_next_batches()
    {
        await using var calls = new GatedCalls(maxBatchSize: 3);
        var first = calls.RunAsync(1);
        await calls.WaitForBatchesAsync(1);
        var later = new[] { 2, 3, 4, 5 }.Select(calls.RunAsync).ToArray();

        calls.Open();

        Assert.Equal(10, await first);
        var results = await Task.WhenAll(later);
        Assert.Equal([20, 30, 40, 50], results);
        Assert.Equal([[1], [2, 3, 4], [5]], calls.Batches);
    }

    [Fact]
    public async Task A_failed_batch_fails_its_own_calls_only()
    {
        await using var calls = new GatedCalls(maxBatchSize: 3);
        var first = calls.RunAsync(1);
        await calls.WaitForBatchesAsync(1);
        var refused = calls.RunAsync(-1);
        var alongside = calls.RunAsync(2);

        calls.Open();

        Assert.Equal(10, await first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => refused);
        await Assert.ThrowsAsync<InvalidOperationException>(() => alongside);
        Assert.Equal(30, await calls.RunAsync(3));
    }

    [Fact]
    public async Task A_caller_that_gives_up_leaves_the_batch_to_the_others()
    {
        await using var calls = new GatedCalls(maxBatchSize: 3);
        using var giveUp = new CancellationTokenSource();
        var abandoned = calls.RunAsync(1, giveUp.Token);
        var kept = calls.RunAsync(2);
        await calls.WaitForBatchesAsync(1);

        await giveUp.CancelAsync();
        calls.Open();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(20, await kept);
    }

    /// <summary>Multiplies by ten, once let through; refuses a batch holding a negative number.</summary>
    private sealed class GatedCalls(int maxBatchSize) : GroupedCalls<int, int>(maxBatchSize)
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<int[]> _batches = [];

        public int[][] Batches
        {
            get
            {
                lock (_batches)
                {
                    return [.. _batches];
                }
            }
        }

        public Task<int> RunAsync(int item) => CallAsync(item, CancellationToken.None);

        public Task<int> RunAsync(int item, CancellationToken cancellationToken) => CallAsync(item, cancellationToken);

        public void Open() => _gate.TrySetResult();

        public async Task WaitForBatchesAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Batches.Length < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Fewer than {count} batches went out.");
                await Task.Delay(10);
            }
        }

        protected override async Task SendAsync(IReadOnlyList<Call> batch)
        {
            lock (_batches)
            {
                _batches.Add(batch.Select(call => call.Item).ToArray());
            }

            await _gate.Task;
            if (batch.Any(call => call.Item < 0))
            {
                throw new InvalidOperationException("A negative number.");
            }

            foreach (var call in batch)
            {
                call.Done.TrySetResult(call.Item * 10);
            }
        }
    }
}
