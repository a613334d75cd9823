using System.Threading.Channels;

namespace Marketplace.BuildingBlocks.Invocation;

/// <summary>
/// Sends concurrent calls of one kind to a peer together. A call made while fewer than <c>maxInFlight</c> batches are
/// on their way goes at once (alone, if nothing else is waiting), so a lone caller waits for nothing; calls made while
/// that many are out queue, and the next batch carries all of them (up to <c>maxBatchSize</c>). The peer handles a
/// batch in one request (and typically one transaction), where one call each would cost a request and a commit each.
/// Every caller gets its own item's result. A batch that fails is sent again item by item, so a call the peer cannot
/// handle fails alone instead of taking the calls that happened to share its batch with it.
/// </summary>
public sealed class CallBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _send;
    private readonly int _maxBatchSize;
    private readonly SemaphoreSlim _slots;
    private readonly Channel<Call> _queue = Channel.CreateUnbounded<Call>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sending;

    /// <param name="send">Sends one batch; answers one result per item, in the items' order.</param>
    public CallBatcher(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> send, int maxBatchSize, int maxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _send = send;
        _maxBatchSize = maxBatchSize;
        _slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        _sending = Task.Run(SendBatchesAsync);
    }

    /// <summary>The item's result once its batch is answered; a caller that stops waiting does not stop the batch.</summary>
    public Task<TResult> CallAsync(TItem item, CancellationToken cancellationToken)
    {
        var call = new Call(item);
        return _queue.Writer.TryWrite(call)
            ? call.Done.Task.WaitAsync(cancellationToken)
            : Task.FromException<TResult>(new ObjectDisposedException(nameof(CallBatcher<TItem, TResult>)));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sending;
    }

    private async Task SendBatchesAsync()
    {
        while (await _queue.Reader.WaitToReadAsync())
        {
            // Waiting for a free slot is what lets calls gather: everything that queued meanwhile goes in this batch.
            await _slots.WaitAsync();
            var batch = new List<Call>(_maxBatchSize);
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var call))
            {
                batch.Add(call);
            }

            _ = SendAsync(batch);
        }
    }

    private async Task SendAsync(List<Call> batch)
    {
        try
        {
            await SendOrSplitAsync(batch);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task SendOrSplitAsync(List<Call> batch)
    {
        try
        {
            var results = await _send(batch.ConvertAll(call => call.Item));
            if (results.Count != batch.Count)
            {
                throw new InvalidOperationException($"The peer answered {results.Count} results for a batch of {batch.Count}.");
            }

            for (var index = 0; index < batch.Count; index++)
            {
                batch[index].Done.TrySetResult(results[index]);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var call in batch)
            {
                await SendOrSplitAsync([call]);
            }
        }
        catch (Exception exception)
        {
            batch[0].Done.TrySetException(exception);
        }
    }

    private sealed record Call(TItem Item)
    {
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
