using System.Collections.Concurrent;
using HdrHistogram;

namespace Marketplace.Bench.LoadGenerator.Load;

/// <summary>Latencies and outcomes of one kind of request during the measured window.</summary>
public sealed class OperationStats(string name)
{
    private readonly Recorder _recorder = Latency.NewRecorder();
    private readonly ConcurrentDictionary<int, long> _statuses = new();
    private long _success;
    private long _rejected;
    private long _errors;
    private long _intervalErrors;

    public string Name { get; } = name;

    /// <summary>Every latency sampled so far (by <see cref="TakeInterval"/>).</summary>
    public HistogramBase Total { get; } = Latency.NewHistogram();

    public void Record(TimeSpan elapsed, Outcome outcome, int status)
    {
        _recorder.RecordValue(Latency.Microseconds(elapsed));
        _statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
        switch (outcome)
        {
            case Outcome.Success:
                Interlocked.Increment(ref _success);
                break;
            case Outcome.Rejected:
                Interlocked.Increment(ref _rejected);
                break;
            default:
                Interlocked.Increment(ref _errors);
                Interlocked.Increment(ref _intervalErrors);
                break;
        }
    }

    /// <summary>The latencies and errors since the last call, also added to <see cref="Total"/>.</summary>
    public (HistogramBase Latencies, long Errors) TakeInterval()
    {
        var interval = _recorder.GetIntervalHistogram();
        Total.Add(interval);
        return (interval, Interlocked.Exchange(ref _intervalErrors, 0));
    }

    public OperationResult Result(TimeSpan window) => OperationResult.Of(
        Name, Total, window, Interlocked.Read(ref _success), Interlocked.Read(ref _rejected), Interlocked.Read(ref _errors),
        _statuses.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value));
}
