using Marketplace.Bench.LoadGenerator.Load;
using Marketplace.Bench.LoadGenerator.Reporting;
using Marketplace.Bench.LoadGenerator.Scenarios;
using Marketplace.Bench.LoadGenerator.Setup;

namespace Marketplace.Bench.Tests;

public sealed class ReportingTests
{
    [Fact]
    public void Only_the_measured_window_is_counted_and_percentiles_come_from_the_recorded_latencies()
    {
        var measurements = new Measurements();
        measurements.Record("view", TimeSpan.FromSeconds(9), Outcome.Success, 200);
        measurements.Start();
        for (var ms = 1; ms <= 100; ms++)
        {
            measurements.Record("view", TimeSpan.FromMilliseconds(ms), ms <= 98 ? Outcome.Success : Outcome.Error, ms <= 98 ? 200 : 500);
        }

        measurements.Record("checkout", TimeSpan.FromMilliseconds(300), Outcome.Rejected, 409);
        measurements.Stop();
        var (total, operations) = measurements.Results(TimeSpan.FromSeconds(2));

        var view = Assert.Single(operations, o => o.Name == "view");
        Assert.Equal((100, 98, 0, 2), (view.Requests, view.Succeeded, view.Rejected, view.Errors));
        Assert.Equal(50, view.P50Ms, 0.1);
        Assert.Equal(99, view.P99Ms, 0.1);
        Assert.Equal(100, view.MaxMs, 0.1);
        Assert.Equal(50, view.RequestsPerSecond);
        Assert.Equal((101, 1, 2), (total.Requests, total.Rejected, total.Errors));
        Assert.Equal(new Dictionary<string, long> { ["200"] = 98, ["409"] = 1, ["500"] = 2 }, total.Statuses);
    }

    [Theory]
    [InlineData(3000, 15, 0, true)]
    [InlineData(2000, 15, 0, false)]
    [InlineData(3000, 25, 0, false)]
    [InlineData(3000, 15, 1, false)]
    public void The_product_target_needs_a_quarter_of_the_floor_a_low_p99_and_no_errors(double rps, double p99, long errors, bool met)
    {
        var floor = Step("floor", 10_000, 5, 0);
        var byId = Step(Targets.ProductById, rps, p99, errors);

        var target = Targets.Evaluate(floor, [byId], [], [])[0];

        Assert.Equal(met, target.Met);
    }

    [Fact]
    public void Targets_of_steps_that_did_not_run_are_not_measured_and_the_floor_is_no_service()
    {
        var idle = new[] { new ServiceMemory(ServiceMemory.Floor, 1, 70), new ServiceMemory("auth", 2, 120) };

        var targets = Targets.Evaluate(Step("floor", 10_000, 5, 0), [], idle, []);

        Assert.All(targets.Take(3), target => Assert.Null(target.Met));
        Assert.True(targets[3].Met);
        Assert.DoesNotContain(ServiceMemory.Floor, targets[3].Measured, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_is_judged_by_its_highest_idle_figure()
    {
        var idle = new[] { new ServiceMemory("auth", 2, 120), new ServiceMemory("orders", 3, 140), new ServiceMemory("orders", 3, 155) };

        var target = Targets.Evaluate(Step("floor", 10_000, 5, 0), [], idle, [])[3];

        Assert.False(target.Met);
        Assert.Equal("auth 120, orders 155", target.Measured);
    }

    [Fact]
    public void The_checkout_step_under_crashes_is_reported_apart_from_the_measured_checkouts()
    {
        var state = new BenchState("http://127.0.0.1:8080", [], [], [], [], [], [[Guid.NewGuid()]], new Dictionary<Guid, int>());
        var crashes = new CheckoutBuyers(new Shop(state), state.ContendedSets[0], 64, servicesCrash: true);
        var measured = CheckoutStep(Targets.Checkout64, "checkout", "Checkout, 64 concurrent buyers", succeededPerSecond: 40);
        var underCrashes = CheckoutStep(crashes.Name, crashes.Kind, crashes.Title, succeededPerSecond: 200);
        var steps = new[] { measured, underCrashes };
        var report = new BenchReport(DateTimeOffset.UtcNow, new MachineInfo("cpu", 2, 4, "os", "kernel", "runtime", "0"), null, null, steps, [], [], [], [], [],
            Targets.Evaluate(null, steps, [], []));

        var markdown = MarkdownReport.Render(report, "latest.png");

        Assert.StartsWith("40.0 completed/s", report.Targets[2].Measured, StringComparison.Ordinal);
        var throughput = Section(markdown, "## Checkout throughput");
        Assert.Single(throughput.Split('\n'), row => row.StartsWith("| 64 |", StringComparison.Ordinal));
        Assert.DoesNotContain("| 200 |", throughput, StringComparison.Ordinal);
        Assert.Contains($"| {crashes.Title} | 64 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 64 | 900 | 0 | 0 | 50 | 3.0 |", Section(markdown, "## Checkout while services are killed and restarted"), StringComparison.Ordinal);
        Assert.Contains("killed and restarted", crashes.Title, StringComparison.Ordinal);
    }

    /// <summary>The report's text from <paramref name="heading"/> to the next heading.</summary>
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading, StringComparison.Ordinal);
        var end = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return markdown[start..end];
    }

    private static RunResult CheckoutStep(string name, string kind, string title, double succeededPerSecond)
    {
        var checkout = new OperationResult("checkout", 1000, 900, 50, 50, 60, succeededPerSecond, 1, 2, 3, 4, 1, new Dictionary<string, long> { ["200"] = 900 });
        return new RunResult(name, title, kind, 64, 3, 15, DateTimeOffset.UtcNow, checkout, [checkout], [],
            [new ServiceCpu("orders", 1000)]);
    }

    private static RunResult Step(string name, double rps, double p99, long errors)
    {
        var total = new OperationResult(name, 1000, 1000 - errors, 0, errors, rps, rps, 1, 2, p99, p99, 1, new Dictionary<string, long>());
        return new RunResult(name, name, "endpoint", 64, 3, 15, DateTimeOffset.UtcNow, total, [total], []);
    }
}
