using System.Text.Json;
using Marketplace.Bench.LoadGenerator.Checks;
using Marketplace.Bench.LoadGenerator.Load;

namespace Marketplace.Bench.LoadGenerator.Reporting;

/// <summary>Everything one run measured, as <c>latest.json</c>; read back from the step files a run leaves in its work folder.</summary>
public sealed record BenchReport(
    DateTimeOffset GeneratedAt,
    MachineInfo Machine,
    RunResult? HttpFloor,
    PgBenchResult? PgBenchFloor,
    IReadOnlyList<RunResult> Steps,
    IReadOnlyList<ServiceMemory> StartedMemory,
    IReadOnlyList<ServiceMemory> IdleMemory,
    IReadOnlyList<ServiceMemory> LoadedMemory,
    IReadOnlyList<ServiceMemory> RestedMemory,
    IReadOnlyList<InvariantCheck> Invariants,
    IReadOnlyList<TargetResult> Targets)
{
    public const string HttpFloorFile = "floor-http.json";
    public const string PgBenchFile = "floor-pgbench.json";
    public const string MachineFile = "machine.json";
    public const string StartedMemoryFile = "memory-started.json";
    public const string IdleMemoryFile = "memory-idle.json";
    public const string LoadedMemoryFile = "memory-loaded.json";
    public const string RestedMemoryFile = "memory-rested.json";
    public const string InvariantsFile = "invariants.json";
    public const string StepPrefix = "step-";

    public static BenchReport Collect(string folder)
    {
        var httpFloor = Read<RunResult>(folder, HttpFloorFile);
        var pgbench = Read<PgBenchResult>(folder, PgBenchFile);
        var steps = Directory.GetFiles(folder, StepPrefix + "*.json")
            .Select(path => Read<RunResult>(folder, Path.GetFileName(path))!)
            .OrderBy(step => step.StartedAt)
            .ToList();
        var idle = Read<List<ServiceMemory>>(folder, IdleMemoryFile) ?? [];
        var rested = Read<List<ServiceMemory>>(folder, RestedMemoryFile) ?? [];
        var invariants = Read<List<InvariantCheck>>(folder, InvariantsFile) ?? [];
        return new BenchReport(
            DateTimeOffset.UtcNow,
            Read<MachineInfo>(folder, MachineFile) ?? MachineInfo.Current(),
            httpFloor,
            pgbench,
            steps,
            Read<List<ServiceMemory>>(folder, StartedMemoryFile) ?? [],
            idle,
            Read<List<ServiceMemory>>(folder, LoadedMemoryFile) ?? [],
            rested,
            invariants,
            Reporting.Targets.Evaluate(httpFloor, steps, [.. idle, .. rested], invariants));
    }

    public static void Write<T>(string folder, string file, T value) =>
        File.WriteAllText(Path.Combine(folder, file), JsonSerializer.Serialize(value, Setup.BenchState.Json));

    private static T? Read<T>(string folder, string file)
        where T : class
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), Setup.BenchState.Json) : null;
    }
}
