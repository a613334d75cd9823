using System.Net;
using System.Net.Sockets;

namespace Marketplace.Testing;

/// <summary>
/// Ports for the servers tests start. A port the system picks (binding port 0) comes from its ephemeral range, the
/// range outgoing connections take their local ports from: between the pick and the server's bind, a connection to
/// PostgreSQL or Redis could take it, and the server would fail to start. These come from below that range, picked at
/// random (so that test processes running side by side rarely meet), never twice in one process, and free when picked.
/// </summary>
public static class FreePorts
{
    private const int LowestPort = 1024;
    private const int PoolSize = 10_000;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>The first port of the system's ephemeral range (Linux's default when it cannot be read).</summary>
    public static int FirstEphemeralPort { get; } = ReadFirstEphemeralPort();

    /// <summary>The lowest port handed out: the pool runs from here up to <see cref="FirstEphemeralPort"/>.</summary>
    public static int FirstPooledPort { get; } = Math.Max(LowestPort, FirstEphemeralPort - PoolSize);

    public static int Next()
    {
        var first = FirstPooledPort;
        var count = FirstEphemeralPort - first;
        for (var attempt = 0; attempt < count; attempt++)
        {
            var port = first + Random.Shared.Next(count);
            if (TryHandOut(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {first} and {FirstEphemeralPort}.");
    }

    private static bool TryHandOut(int port)
    {
        lock (HandedOut)
        {
            return !HandedOut.Contains(port) && IsFree(port) && HandedOut.Add(port);
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int ReadFirstEphemeralPort()
    {
        const int linuxDefault = 32768;
        return File.Exists(EphemeralRangeFile)
               && int.TryParse(File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], out var port)
            ? port
            : linuxDefault;
    }
}
