namespace Marketplace.BuildingBlocks.Hosting;

/// <summary>
/// Decides, from the process's running total of allocated bytes sampled at a steady interval, when the service has
/// gone idle after enough work that compacting the heap and returning its free memory is worth a pause.
/// Trims once per idle spell: a further trim waits for another <see cref="IdleMemoryOptions.AllocatedBeforeTrim"/>.
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
