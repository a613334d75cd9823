using System.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Hosting;

/// <summary>
/// The GC keeps the heap a busy spell grew committed, since it expects the load to return; a service that sits idle
/// for most of the day would hold that memory for nothing. Once the service is idle this runs one aggressive,
/// compacting collection, which decommits the free regions, and returns the native heap's free pages too. What the
/// <see cref="IIdleMemoryRelease"/> parts let go of while the service is idle counts towards the next trim.
/// </summary>
public sealed partial class IdleMemoryTrimmer(
    IOptions<IdleMemoryOptions> options, IEnumerable<IIdleMemoryRelease> releases, ILogger<IdleMemoryTrimmer> logger)
    : BackgroundService
{
    private int _trims;

    /// <summary>How many times the heap was trimmed since the service started.</summary>
    public int Trims => Volatile.Read(ref _trims);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var policy = new IdleTrimPolicy(options.Value);
        using var timer = new PeriodicTimer(options.Value.CheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (policy.ShouldTrim(GC.GetTotalAllocatedBytes(), ReleaseIdleMemory))
            {
                Trim();
            }
        }
    }

    private long ReleaseIdleMemory() => releases.Sum(release => release.ReleaseIdleMemory());

    private void Trim()
    {
        var before = Environment.WorkingSet;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.ReleaseFreePages();
        Interlocked.Increment(ref _trims);
        LogTrimmed(before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Idle: returned free memory, working set {BeforeMb} MB -> {AfterMb} MB")]
    private partial void LogTrimmed(long beforeMb, long afterMb);
}
