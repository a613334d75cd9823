using System.Globalization;

namespace Marketplace.Bench.LoadGenerator.Reporting;

/// <summary>The CPU time (user and system, ms) one process, or a process and its children, used during a measured window.</summary>
public sealed record ServiceCpu(string Service, double CpuMs);

/// <summary>
/// Reads CPU time from <c>/proc/&lt;pid&gt;/stat</c> for <c>name=pid</c> pairs; <c>name=pid+</c> also counts the
/// process's children, as PostgreSQL serves each connection from a child of its postmaster. A child that exits during
/// the window takes its time with it; the services' pooled connections stay open.
/// </summary>
public static class ProcessCpu
{
    // /proc counts CPU time in USER_HZ ticks, which Linux fixes at 100 a second.
    private const double MsPerTick = 10;

    public static IReadOnlyDictionary<string, double> Sample(IEnumerable<string> namedPids)
    {
        var processes = AllProcesses();
        var sample = new Dictionary<string, double>();
        foreach (var (name, pid, withChildren) in namedPids.Select(Parse))
        {
            if (processes.TryGetValue(pid, out var process))
            {
                var ticks = process.Ticks + (withChildren ? processes.Values.Where(p => p.ParentPid == pid).Sum(p => p.Ticks) : 0);
                sample[name] = ticks * MsPerTick;
            }
        }

        return sample;
    }

    /// <summary>What each process used between two samples; one that has gone since the first is left out.</summary>
    public static IReadOnlyList<ServiceCpu> Used(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after) =>
        before.Where(start => after.ContainsKey(start.Key))
            .Select(start => new ServiceCpu(start.Key, Math.Max(0, after[start.Key] - start.Value)))
            .ToList();

    /// <summary>Parent pid and CPU ticks of one <c>/proc/&lt;pid&gt;/stat</c> line; null for a process that has gone.</summary>
    private static (int ParentPid, long Ticks)? ReadStat(int pid)
    {
        string line;
        try
        {
            line = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name, in parentheses, may hold spaces: the fields that follow it start at state (field 3).
        var fields = line[(line.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return ((int)Field(4), Field(14) + Field(15));
    }

    private static Dictionary<int, (int ParentPid, long Ticks)> AllProcesses()
    {
        var processes = new Dictionary<int, (int ParentPid, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ReadStat(pid) is { } stat)
            {
                processes[pid] = stat;
            }
        }

        return processes;
    }

    private static (string Name, int Pid, bool WithChildren) Parse(string pair)
    {
        var parts = pair.Split('=', 2);
        var withChildren = parts[1].EndsWith('+');
        return (parts[0], int.Parse(parts[1].TrimEnd('+'), CultureInfo.InvariantCulture), withChildren);
    }
}
