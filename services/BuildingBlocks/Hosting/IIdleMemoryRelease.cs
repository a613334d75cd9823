namespace Marketplace.BuildingBlocks.Hosting;

/// <summary>
/// A part of the service that holds memory it no longer needs once the service is idle, such as expired cache
/// entries nobody reads any more. The <see cref="IdleMemoryTrimmer"/> asks every registered one on each idle check and
/// compacts the heap once enough has been let go.
/// </summary>
public interface IIdleMemoryRelease
{
    /// <summary>Drops what is no longer needed; returns about how many bytes became garbage.</summary>
    long ReleaseIdleMemory();
}
