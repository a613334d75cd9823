using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Marketplace.BuildingBlocks.Tests;

public sealed record SidecarRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string? ContentType, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>
/// Stands where daprd stands: it answers the Dapr HTTP API an app calls (secrets, publish, invoke) and records
/// every request, so tests can check exactly what the app sends to its sidecar.
/// </summary>
public sealed class FakeSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeSidecar(WebApplication app, int port)
    {
        _app = app;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Endpoint { get; }
    public ConcurrentQueue<SidecarRequest> Requests { get; } = new();

    public static async Task<FakeSidecar> StartAsync(IReadOnlyDictionary<string, Dictionary<string, string>> secrets)
    {
        var port = Marketplace.Testing.FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var sidecar = new FakeSidecar(app, port);
        app.Use(async (context, next) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            sidecar.Requests.Enqueue(new SidecarRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString()),
                context.Request.ContentType,
                body));
            await next(context);
        });
        app.MapGet("/v1.0/secrets/{store}/bulk", () => Results.Text(JsonSerializer.Serialize(secrets), "application/json"));
        app.MapPost("/v1.0/publish/{pubsub}/{topic}", () => Results.NoContent());
        app.Map("/v1.0/invoke/{appId}/method/{**path}", (string appId, string path) =>
            Results.Json(new { success = true, data = new { appId, path } }));
        await app.StartAsync();
        return sidecar;
    }

    public SidecarRequest OnlyRequest(Func<SidecarRequest, bool> match) => Assert.Single(Requests, request => match(request));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
