using System.Threading.Channels;

namespace Marketplace.Checkout.Infrastructure;

/// <summary>
/// Calls that concurrent sagas make alike, sent together: the calls that arrive while a batch is out go in the next
/// one, so concurrent checkouts share one round trip instead of paying one each. A call arriving while nothing is out
/// goes at once, so a lone checkout waits for nothing.
/// </summary>
public abstract class GroupedCalls<TItem, TResult> : IAsyncDisposable
{
    private readonly int _maxBatchSize;
    private readonly Channel<Call> _queue = Channel.CreateUnbounded<Call>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sending;

    protected GroupedCalls(int maxBatchSize)
    {
        _maxBatchSize = maxBatchSize;
        _sending = Task.Run(SendBatchesAsync);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sending;
        GC.SuppressFinalize(this);
    }

    /// <summary>Queues one call for the next batch; its result once that batch is done.</summary>
    protected Task<TResult> CallAsync(TItem item, CancellationToken cancellationToken)
    {
        var call = new Call(item);
        return _queue.Writer.TryWrite(call)
            ? call.Done.Task.WaitAsync(cancellationToken)
            : Task.FromException<TResult>(new ObjectDisposedException(GetType().Name));
    }

    /// <summary>Sends one batch and completes every call in it; a call it leaves open fails with what it threw.</summary>
    protected abstract Task SendAsync(IReadOnlyList<Call> batch);

    private async Task SendBatchesAsync()
    {
        var batch = new List<Call>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var call))
            {
                batch.Add(call);
            }

            try
            {
                await SendAsync(batch);
            }
            catch (Exception exception)
            {
                batch.ForEach(call => call.Done.TrySetException(exception));
            }

            batch.Clear();
        }
    }

    public sealed class Call(TItem item)
    {
        public TItem Item { get; } = item;

        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
