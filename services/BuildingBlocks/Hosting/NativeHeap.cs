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
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            // musl (Alpine) has no malloc_trim; its allocator returns memory on its own. Trimming is an extra: a C
            // library that cannot be reached must not fault the trimmer, whose failure would stop the host.
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
