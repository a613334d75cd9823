namespace Marketplace.BuildingBlocks.Hosting;

/// <summary>When an idle service hands the memory of its last busy spell back to the operating system.</summary>
public sealed class IdleMemoryOptions
{
    public const string Section = "Marketplace:IdleMemory";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the allocation rate is sampled.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A check that saw at most this many bytes allocated counts as quiet (background polling allocates a little).</summary>
    public long QuietAllocationBytes { get; set; } = 1024 * 1024;

    /// <summary>Quiet checks in a row before the service counts as idle.</summary>
    public int QuietChecks { get; set; } = 3;

    /// <summary>
    /// Bytes allocated since the last trim that make another one worth its pause: a start-up allocates 10 MB or more,
    /// and an idle service's background polling 20 to 40 KB a second, so an idle heap is trimmed every few minutes
    /// instead of growing by the GC's young-generation budget (tens of MB here) before it collects.
    /// </summary>
    public long AllocatedBeforeTrim { get; set; } = 4 * 1024 * 1024;
}
