using System.Globalization;

namespace Marketplace.Bench.LoadGenerator.Reporting;

/// <summary>A service's resident set size (VmRSS of /proc/&lt;pid&gt;/status) at one moment.</summary>
public sealed record ServiceMemory(string Service, int Pid, double RssMb)
{
    /// <summary>The bare ASP.NET Core floor, measured beside the services for reference.</summary>
    public const string Floor = "bare-floor";

    public bool IsService => Service != Floor;

    /// <summary>Reads <c>name=pid</c> pairs; a process that has gone is left out.</summary>
    public static IReadOnlyList<ServiceMemory> Read(IEnumerable<string> namedPids) =>
        namedPids.Select(pair => pair.Split('=', 2))
            .Select(parts => (Service: parts[0], Pid: int.Parse(parts[1], CultureInfo.InvariantCulture)))
            .Select(p => (p.Service, p.Pid, Status: $"/proc/{p.Pid}/status"))
            .Where(p => File.Exists(p.Status))
            .Select(p => new ServiceMemory(p.Service, p.Pid, Math.Round(VmRssKb(p.Status) / 1024.0, 1)))
            .ToList();

    private static long VmRssKb(string statusPath) =>
        File.ReadLines(statusPath).Where(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(line => long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .FirstOrDefault();
}
