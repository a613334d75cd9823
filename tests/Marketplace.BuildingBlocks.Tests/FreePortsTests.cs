using System.Net;
using System.Net.Sockets;
using Marketplace.Testing;

namespace Marketplace.BuildingBlocks.Tests;

/// <summary>The ports the test servers listen on, which outgoing connections must never be able to take first.</summary>
public sealed class FreePortsTests
{
    [Fact]
    public void Ports_lie_below_the_range_outgoing_connections_take_their_local_ports_from()
    {
        // The local port of a connection made now is in that range.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        Assert.True(((IPEndPoint)client.Client.LocalEndPoint!).Port >= FreePorts.FirstEphemeralPort);

        var ports = Enumerable.Range(0, 200).Select(_ => FreePorts.Next()).ToList();

        Assert.All(ports, port => Assert.InRange(port, 1024, FreePorts.FirstEphemeralPort - 1));
    }

    [Fact]
    public void A_port_is_handed_out_once_and_can_be_listened_on()
    {
        var ports = Enumerable.Range(0, 500).Select(_ => FreePorts.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        using var listener = new TcpListener(IPAddress.Loopback, ports[^1]);
        listener.Start();
        Assert.Equal(ports[^1], ((IPEndPoint)listener.LocalEndpoint).Port);
    }
}
