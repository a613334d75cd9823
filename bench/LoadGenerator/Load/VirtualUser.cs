using System.Diagnostics;

namespace Marketplace.Bench.LoadGenerator.Load;

/// <summary>One closed-loop connection: sends a request, waits for the whole answer, then sends the next.</summary>
public sealed class VirtualUser(int index, HttpConnection connection, Measurements measurements)
{
    public int Index { get; } = index;

    public Random Random { get; } = new(index * 7919 + 1);

    /// <summary>Sends, reads the answer to its end, records latency and outcome; a failed connection is status 0.</summary>
    public async Task<int> SendAsync(string operation, BenchRequest request, Expectation expectation)
    {
        var started = Stopwatch.GetTimestamp();
        var status = await connection.SendAsync(request);
        measurements.Record(operation, Stopwatch.GetElapsedTime(started), expectation.Classify(status), status);
        return status;
    }
}
