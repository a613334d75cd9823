using System.Globalization;
using System.Text;
using Marketplace.Bench.LoadGenerator.Load;
using Marketplace.Bench.LoadGenerator.Scenarios;
using static Marketplace.Bench.LoadGenerator.Reporting.Targets;

namespace Marketplace.Bench.LoadGenerator.Reporting;

/// <summary>The human-readable <c>latest.md</c>: floors, each step beside the floors, memory, invariants, targets.</summary>
public static class MarkdownReport
{
    public static string Render(BenchReport report, string chartFile)
    {
        var md = new StringBuilder();
        var floorRps = report.HttpFloor?.Total.RequestsPerSecond ?? 0;
        var pgTps = report.PgBenchFloor?.TransactionsPerSecond ?? 0;
        md.AppendLine("# Benchmark results").AppendLine()
            .AppendLine($"Run {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC on {report.Machine}.").AppendLine()
            .AppendLine("Closed-loop load through the gateway (http://127.0.0.1:8080); the load generator runs on the same cores as the system. Latencies in ms.").AppendLine();

        md.AppendLine("## Floors (same run, same machine)").AppendLine()
            .AppendLine("| floor | connections | throughput | p50 | p95 | p99 | errors |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        if (report.HttpFloor is { } floor)
        {
            var t = floor.Total;
            md.AppendLine($"| bare ASP.NET Core hello JSON | {floor.Connections} | {Format(t.RequestsPerSecond)} req/s | {Format(t.P50Ms)} | {Format(t.P95Ms)} | {Format(t.P99Ms)} | {t.Errors} |");
        }

        if (report.PgBenchFloor is { } pg)
        {
            md.AppendLine($"| `pgbench -S` (primary-key select) | {pg.Clients} | {Format(pg.TransactionsPerSecond)} tps | avg {Format(pg.LatencyAverageMs)} | | | 0 |");
        }

        md.AppendLine().AppendLine("## Through the gateway").AppendLine()
            .AppendLine("| step | connections | req/s | % of HTTP floor | % of pgbench tps | p50 | p95 | p99 | max | errors |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var step in report.Steps)
        {
            AppendRow(md, step.Title, step.Connections, step.Total, floorRps, pgTps);
            if (step.Operations.Count > 1)
            {
                foreach (var operation in step.Operations)
                {
                    AppendRow(md, $"&nbsp;&nbsp;↳ {operation.Name}", step.Connections, operation, floorRps, pgTps);
                }
            }
        }

        var checkouts = report.Steps.Where(s => s.Kind == "checkout").ToList();
        if (checkouts.Count > 0)
        {
            md.AppendLine().AppendLine("## Checkout throughput (with stock contention)").AppendLine()
                .AppendLine("| buyers | completed checkouts/s | checkouts/s | refused: sold out | not finished in time (202) | additions to the cart refused: sold out | p50 | p95 | p99 | errors |")
                .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var step in checkouts)
            {
                if (step.Checkout is { } c)
                {
                    md.AppendLine($"| {step.Connections} | {Format(c.SucceededPerSecond)} | {Format(c.RequestsPerSecond)} | {c.Statuses.GetValueOrDefault("409")} | {c.Statuses.GetValueOrDefault("202")} | {CartRefusals(step)} | {Format(c.P50Ms)} | {Format(c.P95Ms)} | {Format(c.P99Ms)} | {c.Errors} |");
                }
            }
        }

        foreach (var step in report.Steps.Where(s => s.Kind == CheckoutBuyers.CrashKind))
        {
            if (step.Checkout is { } c)
            {
                md.AppendLine().AppendLine("## Checkout while services are killed and restarted").AppendLine()
                    .AppendLine($"{step.Title}, for {Format(step.DurationSeconds)} s. The invariants below cover it.").AppendLine()
                    .AppendLine("| buyers | checkouts completed | refused: sold out | not finished in time (202) | failed while a service was down | p99 |")
                    .AppendLine("|---:|---:|---:|---:|---:|---:|")
                    .AppendLine($"| {step.Connections} | {c.Succeeded} | {c.Statuses.GetValueOrDefault("409")} | {c.Statuses.GetValueOrDefault("202")} | {c.Errors} | {Format(c.P99Ms)} |");
            }
        }

        AppendCpu(md, report.Steps);
        if (report.Invariants.Count > 0)
        {
            md.AppendLine().AppendLine("## Invariants after the checkout runs").AppendLine()
                .AppendLine("| invariant | holds | detail |").AppendLine("|---|---|---|");
            foreach (var check in report.Invariants)
            {
                md.AppendLine($"| {check.Name} | {(check.Passed ? "yes" : "**NO**")} | {check.Detail} |");
            }
        }

        md.AppendLine().AppendLine("## Service memory (VmRSS, MB)").AppendLine()
            .AppendLine("Started: ready, before any request. Idle: 5 s after the preparation's writes and events. Under load: as the last step ends. Idle after the load: 10 s after its events.")
            .AppendLine()
            .AppendLine("| service | started | idle | under load | idle after the load |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var idle in report.IdleMemory)
        {
            md.AppendLine($"| {(idle.IsService ? idle.Service : "bare ASP.NET Core floor (reference)")} | {RssOf(report.StartedMemory, idle.Service)} | {Format(idle.RssMb)} | {RssOf(report.LoadedMemory, idle.Service)} | {RssOf(report.RestedMemory, idle.Service)} |");
        }

        md.AppendLine().AppendLine("## Targets").AppendLine()
            .AppendLine("| target | measured | met |").AppendLine("|---|---|---|");
        foreach (var target in report.Targets)
        {
            md.AppendLine($"| {target.Target} | {target.Measured} | {target.Met switch { true => "yes", false => "**no**", null => "–" }} |");
        }

        md.AppendLine().AppendLine("## Latency over time").AppendLine()
            .AppendLine($"![p50 and p99 latency of every step, second by second]({chartFile})");
        return md.ToString();
    }

    /// <summary>Where each step's CPU went, per thing it completed: the cost that throughput on two cores is bounded by.</summary>
    private static void AppendCpu(StringBuilder md, IReadOnlyList<RunResult> steps)
    {
        var measured = steps.Where(step => step.Cpu is { Count: > 0 } && step.Completed > 0).ToList();
        if (measured.Count == 0)
        {
            return;
        }

        var processes = measured.SelectMany(step => step.Cpu!).Select(cpu => cpu.Service).Distinct().ToList();
        md.AppendLine().AppendLine("## CPU per completed operation (ms)").AppendLine()
            .AppendLine("CPU time (user and system) each process used in the step's measured window, divided by what the step completed: checkouts answered 200 in a checkout step, successful requests in the others. PostgreSQL includes its connections' processes; the load generator is not counted.")
            .AppendLine()
            .AppendLine($"| step | completed | {string.Join(" | ", processes)} | all |")
            .AppendLine($"|---|---:|{string.Concat(processes.Select(_ => "---:|"))}---:|");
        foreach (var step in measured)
        {
            var perCompleted = processes.Select(process => step.Cpu!.FirstOrDefault(cpu => cpu.Service == process) is { } cpu ? CpuMs(cpu.CpuMs / step.Completed) : "–");
            md.AppendLine($"| {step.Title} | {step.Completed} | {string.Join(" | ", perCompleted)} | {CpuMs(step.Cpu!.Sum(cpu => cpu.CpuMs) / step.Completed)} |");
        }
    }

    private static string CpuMs(double ms) => ms.ToString(ms >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    private static void AppendRow(StringBuilder md, string title, int connections, OperationResult r, double floorRps, double pgTps) =>
        md.AppendLine($"| {title} | {connections} | {Format(r.RequestsPerSecond)} | {Percent(r.RequestsPerSecond, floorRps)} | {Percent(r.RequestsPerSecond, pgTps)} | {Format(r.P50Ms)} | {Format(r.P95Ms)} | {Format(r.P99Ms)} | {Format(r.MaxMs)} | {r.Errors} |");

    private static long CartRefusals(RunResult step) =>
        step.Operations.FirstOrDefault(o => o.Name == "add to cart")?.Statuses.GetValueOrDefault("409") ?? 0;

    private static string RssOf(IReadOnlyList<ServiceMemory> snapshot, string service) =>
        snapshot.FirstOrDefault(m => m.Service == service) is { } memory ? Format(memory.RssMb) : "–";

    private static string Percent(double value, double floor) => floor > 0 ? Format(100 * value / floor) + "%" : "–";
}
