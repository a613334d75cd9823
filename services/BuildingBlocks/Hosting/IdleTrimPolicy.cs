namespace Marketplace.BuildingBlocks.Hosting;

/// <summary>
/// Decides, from the process's running total of allocated bytes sampled at a steady interval, when the service has
/// gone idle with enough garbage behind it (from start-up, a busy spell, or a long stretch of background polling)
/// that compacting the heap and returning its free memory is worth a pause. Trims at most once per
/// <see cref="IdleMemoryOptions.AllocatedBeforeTrim"/> allocated, so an idle heap never grows by more than that.
/// </summary>
public sealed class IdleTrimPolicy(IdleMemoryOptions options)
{
    private long _lastSample;
    private long _atLastTrim;
    private int _quietChecks;

    public bool ShouldTrim(long totalAllocatedBytes)
    {
        var allocatedSinceLastCheck = totalAllocatedBytes - _lastSample;
        _lastSample = totalAllocatedBytes;
        _quietChecks = allocatedSinceLastCheck <= options.QuietAllocationBytes ? _quietChecks + 1 : 0;
        if (_quietChecks < options.QuietChecks || totalAllocatedBytes - _atLastTrim < options.AllocatedBeforeTrim)
        {
            return false;
        }

        _atLastTrim = totalAllocatedBytes;
        return true;
    }
}
