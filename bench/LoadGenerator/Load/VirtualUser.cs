using System.Diagnostics;

namespace Marketplace.Bench.LoadGenerator.Load;

/// <summary>One closed-loop connection: sends a request, waits for the whole answer, then sends the next.</summary>
public sealed class VirtualUser(int index, HttpClient http, Measurements measurements)
{
    private readonly byte[] _drain = new byte[16 * 1024];

    public int Index { get; } = index;

    public Random Random { get; } = new(index * 7919 + 1);

    /// <summary>Sends, reads the body to its end, records latency and outcome; a failed connection is status 0.</summary>
    public async Task<int> SendAsync(string operation, HttpRequestMessage request, Expectation expectation)
    {
        var started = Stopwatch.GetTimestamp();
        int status;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            while (await body.ReadAsync(_drain) > 0)
            {
            }

            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            status = 0;
        }
        finally
        {
            request.Dispose();
        }

        measurements.Record(operation, Stopwatch.GetElapsedTime(started), expectation.Classify(status), status);
        return status;
    }
}
