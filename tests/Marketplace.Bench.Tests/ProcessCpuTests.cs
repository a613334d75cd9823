using System.Diagnostics;
using Marketplace.Bench.LoadGenerator.Load;
using Marketplace.Bench.LoadGenerator.Reporting;

namespace Marketplace.Bench.Tests;

public sealed class ProcessCpuTests
{
    private static readonly int Self = Environment.ProcessId;

    [Fact]
    public void A_process_that_works_shows_the_cpu_time_it_used()
    {
        // Work until the runtime itself counts 300 ms of CPU, however busy the machine (other test runs share it).
        using var self = Process.GetCurrentProcess();
        var before = ProcessCpu.Sample([$"self={Self}"]);
        var cpuBefore = self.TotalProcessorTime;
        var giveUp = Stopwatch.StartNew();
        while ((self.TotalProcessorTime - cpuBefore).TotalMilliseconds < 300 && giveUp.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.SpinWait(1000);
            self.Refresh();
        }

        var used = Assert.Single(ProcessCpu.Used(before, ProcessCpu.Sample([$"self={Self}"])));

        Assert.Equal("self", used.Service);
        Assert.InRange(used.CpuMs, 250, 10_000);
    }

    [Fact]
    public async Task A_name_with_a_plus_also_counts_the_processes_children()
    {
        using var child = Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]))!;
        try
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            var sample = ProcessCpu.Sample([$"alone={Self}", $"family={Self}+", $"child={child.Id}"]);

            Assert.True(sample["child"] > 0, "the child used no CPU");
            // One snapshot serves every name: the family is this process, the child, and any other child it has.
            Assert.True(sample["family"] >= sample["alone"] + sample["child"], $"family {sample["family"]} ms, alone {sample["alone"]}, child {sample["child"]}");
        }
        finally
        {
            child.Kill();
        }
    }

    [Fact]
    public void A_process_gone_before_the_window_ended_is_left_out()
    {
        var used = ProcessCpu.Used(new Dictionary<string, double> { ["orders"] = 1_000, ["gone"] = 50 }, new Dictionary<string, double> { ["orders"] = 1_830 });

        Assert.Equal([new ServiceCpu("orders", 830)], used);
    }

    [Fact]
    public void The_report_divides_each_process_cpu_by_the_checkouts_the_step_completed()
    {
        var checkout = new OperationResult("checkout", 120, 100, 20, 0, 8, 6.7, 1, 2, 3, 4, 1, new Dictionary<string, long>());
        var cart = new OperationResult("add to cart", 200, 200, 0, 0, 13, 13, 1, 2, 3, 4, 1, new Dictionary<string, long>());
        var step = new RunResult(
            "checkout-64", "Checkout, 64 buyers", "checkout", 64, 3, 15, DateTimeOffset.UtcNow, cart, [cart, checkout], [],
            [new ServiceCpu("orders", 830), new ServiceCpu("postgres", 1_200.5)]);
        var report = new BenchReport(
            DateTimeOffset.UtcNow, MachineInfo.Current(), null, null, [step], [], [], [], [], [], []);

        var markdown = MarkdownReport.Render(report, "chart.png");

        Assert.Equal(100, step.Completed);
        Assert.Contains("| step | completed | orders | postgres | all |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Checkout, 64 buyers | 100 | 8.30 | 12.0 | 20.3 |", markdown, StringComparison.Ordinal);
    }
}
