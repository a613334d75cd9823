using HdrHistogram;
using Marketplace.Bench.LoadGenerator.Reporting;

namespace Marketplace.Bench.LoadGenerator.Load;

/// <summary>One measured step of the benchmark, as written to its JSON file, with the CPU time each process used in it.</summary>
public sealed record RunResult(
    string Name,
    string Title,
    string Kind,
    int Connections,
    double WarmupSeconds,
    double DurationSeconds,
    DateTimeOffset StartedAt,
    OperationResult Total,
    IReadOnlyList<OperationResult> Operations,
    IReadOnlyList<TimelinePoint> Timeline,
    IReadOnlyList<ServiceCpu>? Cpu = null)
{
    /// <summary>The step's checkout requests, if it sent any.</summary>
    public OperationResult? Checkout => Operations.FirstOrDefault(o => o.Name == "checkout");

    /// <summary>What the step completes: checkouts answered 200 in a checkout step, successful requests in any other.</summary>
    public long Completed => Kind == "checkout" ? Checkout?.Succeeded ?? 0 : Total.Succeeded;
}

/// <summary>Counts and latency percentiles (ms) of one kind of request, or of all of them.</summary>
public sealed record OperationResult(
    string Name,
    long Requests,
    long Succeeded,
    long Rejected,
    long Errors,
    double RequestsPerSecond,
    double SucceededPerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    double MeanMs,
    IReadOnlyDictionary<string, long> Statuses)
{
    public static OperationResult Of(
        string name, HistogramBase latencies, TimeSpan window, long succeeded, long rejected, long errors, IReadOnlyDictionary<string, long> statuses)
    {
        var seconds = Math.Max(window.TotalSeconds, 0.001);
        var requests = succeeded + rejected + errors;
        return new OperationResult(
            name, requests, succeeded, rejected, errors,
            Math.Round(requests / seconds, 1), Math.Round(succeeded / seconds, 1),
            Latency.Milliseconds(latencies, 50), Latency.Milliseconds(latencies, 95), Latency.Milliseconds(latencies, 99),
            latencies.TotalCount == 0 ? 0 : Math.Round(latencies.GetMaxValue() / 1000.0, 3),
            latencies.TotalCount == 0 ? 0 : Math.Round(latencies.GetMean() / 1000.0, 3),
            statuses);
    }
}

/// <summary>One second of a step: throughput and latency of all its requests.</summary>
public sealed record TimelinePoint(double Second, double RequestsPerSecond, double P50Ms, double P99Ms, long Errors);
