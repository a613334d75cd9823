using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Marketplace.BuildingBlocks.Observability;

namespace Marketplace.BuildingBlocks.Tests;

public sealed partial class MetricsTests
{
    [Fact]
    public async Task A_metric_keeps_at_most_the_series_limit_and_counts_the_rest_in_one_overflow_series()
    {
        var environment = await ProbeEnvironment.CreateAsync();
        await using var app = await ProbeApp.StartAsync(environment.Settings());
        using var meter = new Meter(TelemetrySetup.ActivitySourceName);
        var counter = meter.CreateCounter<long>($"probe.series.{Guid.NewGuid():N}");
        var recorded = TelemetrySetup.MaxSeriesPerMetric + 50;
        for (var i = 0; i < recorded; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("probe", i));
        }

        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var scrape = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        var series = scrape.Split('\n').Where(line => line.StartsWith(counter.Name.Replace('.', '_'), StringComparison.Ordinal)).ToList();
        // The limit's series, plus the one that takes the overflow.
        Assert.InRange(series.Count, 2, TelemetrySetup.MaxSeriesPerMetric + 1);
        var overflow = Assert.Single(series, line => line.Contains("otel_metric_overflow=\"true\"", StringComparison.Ordinal));
        var counted = series.Sum(line => long.Parse(ValueAtEnd().Match(line).Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(recorded, counted);
        Assert.True(long.Parse(ValueAtEnd().Match(overflow).Value, System.Globalization.CultureInfo.InvariantCulture) >= 50);
    }

    [GeneratedRegex(@"\d+$")]
    private static partial Regex ValueAtEnd();
}
