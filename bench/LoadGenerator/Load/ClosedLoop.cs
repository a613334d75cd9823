using Marketplace.Bench.LoadGenerator.Reporting;
using Marketplace.Bench.LoadGenerator.Scenarios;

namespace Marketplace.Bench.LoadGenerator.Load;

/// <summary>
/// N virtual users, each one request at a time on its own connection, for a warm-up and then a measured window.
/// Closed loop: a slow server slows the load down, so latencies are those of a server at its own pace.
/// </summary>
public static class ClosedLoop
{
    /// <param name="cpuOf">The processes whose CPU time the measured window records (<see cref="ProcessCpu"/>), if any.</param>
    public static async Task<RunResult> RunAsync(
        Uri server, IScenario scenario, int connections, TimeSpan warmup, TimeSpan duration, IReadOnlyList<string>? cpuOf = null)
    {
        var measurements = new Measurements();
        using var stop = new CancellationTokenSource();
        var startedAt = DateTimeOffset.UtcNow;
        var sockets = Enumerable.Range(0, connections).Select(_ => new HttpConnection(server)).ToList();
        var users = sockets.Select((socket, i) => new VirtualUser(i, socket, measurements)).ToList();
        var workers = users.Select(user => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await scenario.StepAsync(user);
            }
        })).ToList();

        await Task.Delay(warmup);
        var cpuBefore = ProcessCpu.Sample(cpuOf ?? []);
        measurements.Start();
        using (var sampler = new PeriodicTimer(TimeSpan.FromSeconds(1)))
        {
            var end = DateTimeOffset.UtcNow + duration;
            while (DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1) <= end && await sampler.WaitForNextTickAsync())
            {
                measurements.Sample();
            }

            var rest = end - DateTimeOffset.UtcNow;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }

        var window = measurements.Stop();
        var cpu = ProcessCpu.Used(cpuBefore, ProcessCpu.Sample(cpuOf ?? []));
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        sockets.ForEach(socket => socket.Dispose());
        var (total, operations) = measurements.Results(window);
        return new RunResult(
            scenario.Name, scenario.Title, scenario.Kind, connections, warmup.TotalSeconds, Math.Round(window.TotalSeconds, 3),
            startedAt, total, operations, measurements.Timeline, cpu);
    }
}
