using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Marketplace.Bench.LoadGenerator.Reporting;

/// <summary>
/// The database floor: <c>pgbench -S</c> (primary-key selects) against the benchmark's own PostgreSQL, reached the way
/// the services reach it (<paramref name="host"/> is a host name or, for a Unix socket, its directory).
/// </summary>
public sealed partial record PgBenchResult(int Clients, double DurationSeconds, double TransactionsPerSecond, double LatencyAverageMs)
{
    public static async Task<PgBenchResult> RunAsync(string pgbench, string host, int port, int clients, int seconds)
    {
        var connection = $"-h {host} -p {port} -U postgres";
        await RunProcessAsync(pgbench, $"{connection} -i -q -s 10 postgres");
        var output = await RunProcessAsync(pgbench, $"{connection} -S -n -c {clients} -j {Math.Min(clients, Environment.ProcessorCount)} -T {seconds} postgres");
        return new PgBenchResult(clients, seconds, Number(Tps(), output), Number(LatencyAverage(), output));
    }

    private static double Number(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } match
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidDataException("Unexpected pgbench output: " + output);

    private static async Task<string> RunProcessAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}: {await errors}");
        }

        return await output;
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyAverage();
}
