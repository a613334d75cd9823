using Marketplace.BuildingBlocks.Invocation;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class CallBatcherTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_lone_call_goes_at_once_in_a_batch_of_its_own()
    {
        var peer = new RecordingPeer();
        await using var batcher = new CallBatcher<int, string>(peer.SendAsync, maxBatchSize: 8, maxInFlight: 1);

        var result = await batcher.CallAsync(1, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal("answer 1", result);
        Assert.Equal([[1]], peer.Batches);
    }

    [Fact]
    public async Task Calls_made_while_every_slot_is_busy_go_together_in_the_next_batch_each_getting_its_own_answer()
    {
        var peer = new RecordingPeer();
        var release = peer.HoldNextBatch();
        await using var batcher = new CallBatcher<int, string>(peer.SendAsync, maxBatchSize: 3, maxInFlight: 1);
        var first = batcher.CallAsync(0, CancellationToken.None);
        await peer.WaitForBatchesAsync(1);

        var queued = Enumerable.Range(1, 5).Select(item => batcher.CallAsync(item, CancellationToken.None)).ToList();
        release.SetResult();

        Assert.Equal(["answer 0", "answer 1", "answer 2", "answer 3", "answer 4", "answer 5"], await Task.WhenAll(queued.Prepend(first)).WaitAsync(Wait));
        Assert.Equal([[0], [1, 2, 3], [4, 5]], peer.Batches);
    }

    [Fact]
    public async Task A_failing_batch_is_sent_again_item_by_item_so_only_the_failing_call_fails()
    {
        var peer = new RecordingPeer { Poison = 2 };
        var release = peer.HoldNextBatch();
        await using var batcher = new CallBatcher<int, string>(peer.SendAsync, maxBatchSize: 8, maxInFlight: 1);
        var first = batcher.CallAsync(0, CancellationToken.None);
        await peer.WaitForBatchesAsync(1);
        var queued = new[] { 1, 2, 3 }.Select(item => batcher.CallAsync(item, CancellationToken.None)).ToList();
        release.SetResult();

        Assert.Equal("answer 0", await first.WaitAsync(Wait));
        Assert.Equal("answer 1", await queued[0].WaitAsync(Wait));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => queued[1].WaitAsync(Wait));
        Assert.Equal("item 2 cannot be handled", failure.Message);
        Assert.Equal("answer 3", await queued[2].WaitAsync(Wait));
        Assert.Equal([[0], [1, 2, 3], [1], [2], [3]], peer.Batches);
    }

    [Fact]
    public async Task A_peer_answering_the_wrong_number_of_results_fails_the_calls()
    {
        await using var batcher = new CallBatcher<int, string>(_ => Task.FromResult<IReadOnlyList<string>>([]), maxBatchSize: 8, maxInFlight: 2);

        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.CallAsync(1, CancellationToken.None).WaitAsync(Wait));
    }

    /// <summary>A peer that answers each item, records the batches it got, and can hold the next batch until released.</summary>
    private sealed class RecordingPeer
    {
        private readonly Lock _gate = new();
        private readonly List<int[]> _batches = [];
        private TaskCompletionSource? _hold;

        public int? Poison { get; init; }

        public List<int[]> Batches
        {
            get
            {
                lock (_gate)
                {
                    return [.. _batches];
                }
            }
        }

        public TaskCompletionSource HoldNextBatch() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task WaitForBatchesAsync(int count)
        {
            while (Batches.Count < count)
            {
                await Task.Delay(10);
            }
        }

        public async Task<IReadOnlyList<string>> SendAsync(IReadOnlyList<int> items)
        {
            lock (_gate)
            {
                _batches.Add([.. items]);
            }

            if (Interlocked.Exchange(ref _hold, null) is { } hold)
            {
                await hold.Task;
            }

            return items.Contains(Poison ?? -1)
                ? throw new InvalidOperationException($"item {Poison} cannot be handled")
                : items.Select(item => $"answer {item}").ToList();
        }
    }
}
