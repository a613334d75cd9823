using System.Globalization;
using System.Text;
using Marketplace.Bench.LoadGenerator.Load;

namespace Marketplace.Bench.LoadGenerator.Reporting;

/// <summary>
/// p50 (dashed) and p99 (solid) latency, second by second, of each step one after another, on a log scale;
/// written as SVG (bench/run.sh renders it to PNG).
/// </summary>
public static class LatencyChart
{
    private const double Width = 1200, Height = 560, Left = 80, Right = 1180, Top = 50, Bottom = 470, Gap = 2;
    private static readonly string[] Colors = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"];

    public static string Render(IReadOnlyList<RunResult> steps)
    {
        var spans = new List<(RunResult Step, double Offset)>();
        var offset = 0.0;
        foreach (var step in steps)
        {
            spans.Add((step, offset));
            offset += Math.Max(step.DurationSeconds, step.Timeline.Count == 0 ? 0 : step.Timeline[^1].Second) + Gap;
        }

        var totalSeconds = Math.Max(offset - Gap, 1);
        var highest = steps.SelectMany(s => s.Timeline).Select(p => p.P99Ms).DefaultIfEmpty(1).Max();
        var (lowDecade, highDecade) = (-1, Math.Max(1, (int)Math.Ceiling(Math.Log10(Math.Max(highest, 1)))));
        double X(double second) => Left + (Right - Left) * second / totalSeconds;
        double Y(double ms) => Bottom - (Bottom - Top) * (Math.Log10(Math.Max(ms, Math.Pow(10, lowDecade))) - lowDecade) / (highDecade - lowDecade);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" font-family="DejaVu Sans, sans-serif" font-size="12">""")
            .Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{Height}" fill="white"/>""")
            .Append("""<text x="80" y="24" font-size="16">Latency over time: p99 (solid) and p50 (dashed) of every second, per step</text>""");
        for (var decade = lowDecade; decade <= highDecade; decade++)
        {
            var y = Y(Math.Pow(10, decade));
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{y:0.#}" x2="{Right}" y2="{y:0.#}" stroke="#ddd"/>""")
                .Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 8}" y="{y + 4:0.#}" text-anchor="end">{Math.Pow(10, decade).ToString("0.###", CultureInfo.InvariantCulture)} ms</text>""");
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Bottom}" x2="{Right}" y2="{Bottom}" stroke="#333"/><line x1="{Left}" y1="{Top}" x2="{Left}" y2="{Bottom}" stroke="#333"/>""")
            .Append(CultureInfo.InvariantCulture, $"""<text x="{(Left + Right) / 2}" y="{Bottom + 40}" text-anchor="middle">seconds of measurement (steps one after another)</text>""");
        for (var i = 0; i < spans.Count; i++)
        {
            var (step, start) = spans[i];
            var color = Colors[i % Colors.Length];
            foreach (var run in Answered(step.Timeline))
            {
                svg.Append(Polyline(run.Select(p => (X(start + p.Second), Y(p.P99Ms))), color, dashed: false))
                    .Append(Polyline(run.Select(p => (X(start + p.Second), Y(p.P50Ms))), color, dashed: true));
            }

            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{X(start):0.#}" y="{Bottom + 16 + 12 * (i % 2)}" fill="{color}">{step.Name}</text>""");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The runs of consecutive seconds in which requests completed: a stalled second breaks the line.</summary>
    private static IEnumerable<List<TimelinePoint>> Answered(IReadOnlyList<TimelinePoint> timeline)
    {
        var run = new List<TimelinePoint>();
        foreach (var point in timeline)
        {
            if (point.RequestsPerSecond > 0)
            {
                run.Add(point);
            }
            else if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static string Polyline(IEnumerable<(double X, double Y)> points, string color, bool dashed) =>
        string.Create(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{color}" stroke-width="{(dashed ? 1.5 : 2)}"{(dashed ? " stroke-dasharray=\"5,4\"" : "")} points="{string.Join(' ', points.Select(p => $"{p.X:0.#},{p.Y:0.#}"))}"/>""");
}
