using HdrHistogram;

namespace Marketplace.Bench.LoadGenerator.Load;

/// <summary>Latencies in microseconds, 1 µs to 60 s at three significant digits.</summary>
public static class Latency
{
    private const long Highest = 60_000_000;
    private const int Digits = 3;

    public static HistogramBase NewHistogram() => new LongHistogram(1, Highest, Digits);

    public static Recorder NewRecorder() =>
        HistogramFactory.With64BitBucketSize().WithValuesFrom(1).WithValuesUpTo(Highest).WithPrecisionOf(Digits)
            .WithThreadSafeWrites().WithThreadSafeReads().Create();

    public static long Microseconds(TimeSpan elapsed) => Math.Clamp((long)elapsed.TotalMicroseconds, 1, Highest);

    public static double Milliseconds(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : Math.Round(histogram.GetValueAtPercentile(percentile) / 1000.0, 3);
}
