using System.Collections.Concurrent;
using System.Net;
using Marketplace.BuildingBlocks.Invocation;
using Marketplace.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class ServiceClientTests
{
    [Fact]
    public async Task A_burst_of_calls_opens_at_most_the_connection_bound_to_a_peer_and_the_rest_wait_for_one()
    {
        var connections = new ConcurrentDictionary<string, byte>();
        var arrived = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var peerPort = FreePorts.Next();
        var peerBuilder = WebApplication.CreateSlimBuilder();
        peerBuilder.WebHost.UseUrls($"http://127.0.0.1:{peerPort}");
        await using var peer = peerBuilder.Build();
        peer.MapGet("/api/orders/{id}", async (HttpContext context) =>
        {
            connections.TryAdd(context.Connection.Id, 0);
            Interlocked.Increment(ref arrived);
            await gate.Task;
            return Results.Ok();
        });
        await peer.StartAsync(TestContext.Current.CancellationToken);

        var environment = await ProbeEnvironment.CreateAsync();
        var settings = environment.Settings();
        settings["Marketplace:Services:orders"] = $"http://127.0.0.1:{peerPort}";
        await using var app = await ProbeApp.StartAsync(settings);
        var client = app.App.Services.GetRequiredService<PeerClient>();

        var calls = Enumerable.Range(0, ServiceInvocationExtensions.MaxConnectionsPerPeer + 20).Select(i => client.GetOrderAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        await Eventually.HoldsAsync(() => Task.FromResult(Volatile.Read(ref arrived) >= ServiceInvocationExtensions.MaxConnectionsPerPeer));
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        Assert.Equal(ServiceInvocationExtensions.MaxConnectionsPerPeer, Volatile.Read(ref arrived));

        gate.SetResult();
        var responses = await Task.WhenAll(calls);
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Array.ForEach(responses, response => response.Dispose());
        Assert.Equal(ServiceInvocationExtensions.MaxConnectionsPerPeer, connections.Count);
    }
}
