namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>Wakes one waiting loop: any number of calls while it is busy wake it once, as soon as it next waits.</summary>
public sealed class WakeUp : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Set()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke the loop first; one wake-up is enough.
            }
            catch (ObjectDisposedException)
            {
                // The loop has ended (a Redis announcement can still arrive while the host shuts down).
            }
        }
    }

    /// <summary>Waits until woken or for the timeout; true when woken.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
