using System.Runtime.InteropServices;

namespace Marketplace.Bench.LoadGenerator.Reporting;

/// <summary>The machine the figures came from, read from /proc and /etc on Linux.</summary>
public sealed record MachineInfo(string Cpu, int Cores, double MemoryGb, string Os, string Kernel, string Runtime, string LoadAverage)
{
    public static MachineInfo Current() => new(
        FirstValue("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        Math.Round(double.Parse((FirstValue("/proc/meminfo", "MemTotal", ':') ?? "0 kB").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024, 1),
        FirstValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        ReadOrEmpty("/proc/sys/kernel/osrelease"),
        RuntimeInformation.FrameworkDescription,
        string.Join(' ', ReadOrEmpty("/proc/loadavg").Split(' ').Take(3)));

    public override string ToString() =>
        $"{Cpu}, {Cores} cores, {MemoryGb:0.#} GB RAM, {Os} (kernel {Kernel}), {Runtime}; load average before the run {LoadAverage}";

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : string.Empty;

    private static string? FirstValue(string path, string key, char separator) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(line => line.StartsWith(key, StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(separator, StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;
}
