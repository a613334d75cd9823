using System.Runtime.InteropServices;

namespace Marketplace.BuildingBlocks.Hosting;

/// <summary>glibc keeps the pages of freed native allocations (TLS buffers, the JIT's scratch memory) until asked.</summary>
internal static partial class NativeHeap
{
    public static void ReleaseFreePages()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (EntryPointNotFoundException)
        {
            // musl (Alpine) has no malloc_trim; its allocator returns memory on its own.
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
