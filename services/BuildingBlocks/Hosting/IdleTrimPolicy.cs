namespace Marketplace.BuildingBlocks.Hosting;

/// <summary>
/// Decides, from the process's running total of allocated bytes sampled at a steady interval, when the service has
/// gone idle with enough garbage behind it (from start-up, a busy spell, or a long stretch of background polling)
/// that compacting the heap and returning its free memory is worth a pause. Trims at most once per
/// <see cref="IdleMemoryOptions.AllocatedBeforeTrim"/> allocated or released (by the parts asked on each idle check),
/// so an idle heap never holds more garbage than that.
/// </summary>
public sealed class IdleTrimPolicy(IdleMemoryOptions options)
{
    private long _lastSample;
    private long _atLastTrim;
    private long _releasedSinceLastTrim;
    private int _quietChecks;

    /// <param name="totalAllocatedBytes">The process's running total of allocated bytes.</param>
    /// <param name="releaseIdleMemory">Asked only while the service is idle: lets go of what is no longer needed, returns the bytes.</param>
    public bool ShouldTrim(long totalAllocatedBytes, Func<long>? releaseIdleMemory = null)
    {
        var allocatedSinceLastCheck = totalAllocatedBytes - _lastSample;
        _lastSample = totalAllocatedBytes;
        _quietChecks = allocatedSinceLastCheck <= options.QuietAllocationBytes ? _quietChecks + 1 : 0;
        if (_quietChecks < options.QuietChecks)
        {
            return false;
        }

        _releasedSinceLastTrim += releaseIdleMemory?.Invoke() ?? 0;
        if (totalAllocatedBytes - _atLastTrim + _releasedSinceLastTrim < options.AllocatedBeforeTrim)
        {
            return false;
        }

        _atLastTrim = totalAllocatedBytes;
        _releasedSinceLastTrim = 0;
        return true;
    }
}
