using System.Net;
using System.Net.Sockets;
using Marketplace.Testing;

namespace Marketplace.Deploy.Tests;

/// <summary>
/// scripts/common.sh's <c>free_port</c>, which picks the ports test.sh and bench/run.sh start PostgreSQL, Redis and the
/// floor endpoints on: outgoing connections must never be able to take them first.
/// </summary>
public sealed class ScriptPortTests
{
    [Fact]
    public void Ports_lie_below_the_ephemeral_range_and_are_free()
    {
        var ports = FreePortsFromScript(count: 20);

        Assert.All(ports, port => Assert.InRange(port, 1024, FreePorts.FirstEphemeralPort - 1));
        using var listener = new TcpListener(IPAddress.Loopback, ports[^1]);
        listener.Start();
    }

    [Fact]
    public void A_port_named_as_taken_is_not_picked()
    {
        // Every port of the pool (the scripts draw from the same one as the test servers) but two is named: the pick
        // must be one of those two.
        var first = FreePorts.FirstPooledPort;
        var left = new[] { first + 17, FreePorts.FirstEphemeralPort - 3 };
        var taken = Enumerable.Range(first, FreePorts.FirstEphemeralPort - first).Except(left);

        var result = Tools.Run("bash", ["-c", $"source scripts/common.sh && free_port {string.Join(' ', taken)}"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains(int.Parse(result.Output.Trim(), System.Globalization.CultureInfo.InvariantCulture), left);
    }

    private static List<int> FreePortsFromScript(int count)
    {
        var result = Tools.Run("bash", ["-c", $"source scripts/common.sh && for i in $(seq {count}); do free_port; done"]);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => int.Parse(line, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }
}
