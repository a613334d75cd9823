using System.Globalization;
using Marketplace.Bench.LoadGenerator.Checks;
using Marketplace.Bench.LoadGenerator.Load;

namespace Marketplace.Bench.LoadGenerator.Reporting;

/// <summary>One of the published performance targets, against what this run measured.</summary>
public sealed record TargetResult(string Target, string Measured, bool? Met);

/// <summary>The targets on a 2-core machine (see bench/README.md); a target whose step did not run is "not measured".</summary>
public static class Targets
{
    public const string ProductById = "product-by-id";
    public const string ProductList = "product-list";
    public const string Checkout64 = "checkout-64";
    public const double IdleRssLimitMb = 150;

    public static IReadOnlyList<TargetResult> Evaluate(
        RunResult? floor, IReadOnlyList<RunResult> steps, IReadOnlyList<ServiceMemory> idle, IReadOnlyList<InvariantCheck> invariants)
    {
        var floorRps = floor?.Total.RequestsPerSecond ?? 0;
        // A service is judged by its highest idle figure: after the preparation and again after the load.
        var services = idle.Where(m => m.IsService).GroupBy(m => m.Service).Select(g => g.MaxBy(m => m.RssMb)!).ToList();
        return
        [
            Endpoint(steps, ProductById, "GET /api/products/{id}: ≥ 25% of the floor's req/s, p99 ≤ 20 ms, no errors", floorRps, 0.25, 20),
            Endpoint(steps, ProductList, "GET /api/products?category&page (20 items): ≥ 15% of the floor's req/s, p99 ≤ 30 ms, no errors", floorRps, 0.15, 30),
            Checkout(steps, invariants),
            new TargetResult(
                $"every service idle under {IdleRssLimitMb:0} MB RSS",
                services.Count == 0 ? "not measured" : string.Join(", ", services.Select(m => $"{m.Service} {Format(m.RssMb)}")),
                services.Count == 0 ? null : services.All(m => m.RssMb < IdleRssLimitMb)),
        ];
    }

    private static TargetResult Endpoint(IReadOnlyList<RunResult> steps, string name, string target, double floorRps, double share, double p99Ms)
    {
        var step = steps.FirstOrDefault(s => s.Name == name);
        if (step is null || floorRps <= 0)
        {
            return new TargetResult(target, "not measured", null);
        }

        var total = step.Total;
        return new TargetResult(
            target,
            $"{Format(total.RequestsPerSecond)} req/s = {Format(100 * total.RequestsPerSecond / floorRps)}% of the floor, p99 {Format(total.P99Ms)} ms, {total.Errors} errors",
            total.RequestsPerSecond >= share * floorRps && total.P99Ms <= p99Ms && total.Errors == 0);
    }

    private static TargetResult Checkout(IReadOnlyList<RunResult> steps, IReadOnlyList<InvariantCheck> invariants)
    {
        const string target = "checkout at 64 concurrent buyers: ≥ 150 completed/s, p99 ≤ 500 ms, invariants intact";
        var checkout = steps.FirstOrDefault(s => s.Name == Checkout64)?.Checkout;
        if (checkout is null)
        {
            return new TargetResult(target, "not measured (the checkout service does not run yet)", null);
        }

        var intact = invariants.Count > 0 && invariants.All(i => i.Passed);
        return new TargetResult(
            target,
            $"{Format(checkout.SucceededPerSecond)} completed/s, p99 {Format(checkout.P99Ms)} ms, {checkout.Errors} errors, invariants {(intact ? "intact" : "broken")}",
            checkout.SucceededPerSecond >= 150 && checkout.P99Ms <= 500 && intact);
    }

    public static string Format(double value) => value.ToString(value >= 100 ? "0" : "0.0#", CultureInfo.InvariantCulture);
}
