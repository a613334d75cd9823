namespace Marketplace.BuildingBlocks.Hosting;

/// <summary>
/// Decides, from the process's running total of allocated bytes sampled at a steady interval, when the service has
/// gone idle after a busy spell that left enough garbage for compacting the heap and returning its free memory to be
/// worth a pause. Trims once per busy spell: background polling, however long it goes on, never earns another trim.
/// Start-up counts as a busy spell: its JIT, configuration and first queries leave garbage behind.
/// </summary>
public sealed class IdleTrimPolicy(IdleMemoryOptions options)
{
    private long _lastSample;
    private long _atLastTrim;
    private bool _busySinceLastTrim = true;
    private int _quietChecks;

    public bool ShouldTrim(long totalAllocatedBytes)
    {
        var allocatedSinceLastCheck = totalAllocatedBytes - _lastSample;
        _lastSample = totalAllocatedBytes;
        if (allocatedSinceLastCheck > options.QuietAllocationBytes)
        {
            _busySinceLastTrim = true;
            _quietChecks = 0;
            return false;
        }

        _quietChecks++;
        if (!_busySinceLastTrim || _quietChecks < options.QuietChecks || totalAllocatedBytes - _atLastTrim < options.AllocatedBeforeTrim)
        {
            return false;
        }

        _atLastTrim = totalAllocatedBytes;
        _busySinceLastTrim = false;
        return true;
    }
}
