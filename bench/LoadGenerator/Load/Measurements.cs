using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace Marketplace.Bench.LoadGenerator.Load;

/// <summary>Every operation's stats for one step, recorded only inside the measured window, sampled once a second.</summary>
public sealed class Measurements
{
    private readonly ConcurrentDictionary<string, OperationStats> _operations = new(StringComparer.Ordinal);
    private readonly List<TimelinePoint> _timeline = [];
    private readonly Lock _sampling = new();
    private long _windowStart;
    private long _lastSample;
    private volatile bool _recording;

    public IReadOnlyList<TimelinePoint> Timeline => _timeline;

    public void Start()
    {
        _windowStart = _lastSample = Stopwatch.GetTimestamp();
        _recording = true;
    }

    /// <summary>Stops recording and returns the measured window.</summary>
    public TimeSpan Stop()
    {
        _recording = false;
        Sample();
        return Stopwatch.GetElapsedTime(_windowStart);
    }

    public void Record(string operation, TimeSpan elapsed, Outcome outcome, int status)
    {
        if (_recording)
        {
            _operations.GetOrAdd(operation, name => new OperationStats(name)).Record(elapsed, outcome, status);
        }
    }

    /// <summary>Adds a timeline point for the time since the previous sample.</summary>
    public void Sample()
    {
        lock (_sampling)
        {
            var now = Stopwatch.GetTimestamp();
            var interval = Stopwatch.GetElapsedTime(_lastSample, now).TotalSeconds;
            _lastSample = now;
            if (interval <= 0)
            {
                return;
            }

            var merged = Latency.NewHistogram();
            long errors = 0;
            foreach (var operation in _operations.Values)
            {
                var (latencies, intervalErrors) = operation.TakeInterval();
                merged.Add(latencies);
                errors += intervalErrors;
            }

            _timeline.Add(new TimelinePoint(
                Math.Round(Stopwatch.GetElapsedTime(_windowStart, now).TotalSeconds, 2),
                Math.Round(merged.TotalCount / interval, 1),
                Latency.Milliseconds(merged, 50),
                Latency.Milliseconds(merged, 99),
                errors));
        }
    }

    public (OperationResult Total, IReadOnlyList<OperationResult> Operations) Results(TimeSpan window)
    {
        var operations = _operations.Values.OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => o.Result(window)).ToList();
        HistogramBase all = Latency.NewHistogram();
        foreach (var operation in _operations.Values)
        {
            all.Add(operation.Total);
        }

        var statuses = operations.SelectMany(o => o.Statuses).GroupBy(s => s.Key)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        var total = OperationResult.Of(
            "all", all, window, operations.Sum(o => o.Succeeded), operations.Sum(o => o.Rejected), operations.Sum(o => o.Errors), statuses);
        return (total, operations);
    }
}
