using System.Collections.Concurrent;
using Marketplace.Bench.LoadGenerator.Load;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Marketplace.Bench.Tests;

/// <summary>The load generator's HTTP/1.1 client against a real Kestrel server.</summary>
public sealed class HttpConnectionTests : IAsyncLifetime
{
    private readonly ConcurrentBag<string> _connections = [];
    private WebApplication? _server;

    private Uri Server => new(_server!.Urls.First());

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.Use(async (context, next) =>
        {
            _connections.Add(context.Connection.Id);
            await next(context);
        });
        _server.MapGet("/fixed", async context =>
        {
            context.Response.ContentLength = 5;
            await context.Response.WriteAsync("hello");
        });
        _server.MapGet("/chunked", async context =>
        {
            foreach (var piece in new[] { "first piece;", new string('x', 70_000), "last piece" })
            {
                await context.Response.WriteAsync(piece);
                await context.Response.Body.FlushAsync();
            }
        });
        _server.MapGet("/empty", () => Results.NoContent());
        _server.MapGet("/close", async context =>
        {
            context.Response.Headers.Connection = "close";
            await context.Response.WriteAsync("bye");
        });
        _server.MapPost("/checkout", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var complete = body == """{"item":"é"}"""
                && context.Request.Headers.Authorization == "Bearer token-1"
                && context.Request.Headers["Idempotency-Key"] == "key-1"
                && context.Request.ContentType == "application/json";
            return complete ? Results.Ok() : Results.BadRequest();
        });
        await _server.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Answers_with_a_length_chunked_or_no_body_are_read_to_their_end_on_one_kept_alive_connection()
    {
        using var connection = new HttpConnection(Server);

        Assert.Equal(200, await connection.SendAsync(BenchRequest.Get("/fixed")));
        Assert.Equal(200, await connection.SendAsync(BenchRequest.Get("/chunked")));
        Assert.Equal(204, await connection.SendAsync(BenchRequest.Get("/empty")));
        Assert.Equal(404, await connection.SendAsync(BenchRequest.Get("/missing")));
        Assert.Equal(200, await connection.SendAsync(BenchRequest.Get("/fixed")));

        Assert.Single(_connections.Distinct());
    }

    [Fact]
    public async Task After_the_server_closes_the_connection_the_next_request_opens_a_new_one()
    {
        using var connection = new HttpConnection(Server);

        Assert.Equal(200, await connection.SendAsync(BenchRequest.Get("/close")));
        Assert.Equal(200, await connection.SendAsync(BenchRequest.Get("/fixed")));

        Assert.Equal(2, _connections.Distinct().Count());
    }

    [Fact]
    public async Task A_post_carries_its_json_body_token_and_idempotency_key()
    {
        using var connection = new HttpConnection(Server);

        Assert.Equal(200, await connection.SendAsync(BenchRequest.Post("/checkout", """{"item":"é"}""", "token-1", "key-1")));
        Assert.Equal(400, await connection.SendAsync(BenchRequest.Post("/checkout", """{"item":"e"}""", "token-1", "key-1")));
    }

    [Fact]
    public async Task A_server_that_does_not_listen_gives_status_zero()
    {
        var closed = Server;
        await _server!.StopAsync();
        using var connection = new HttpConnection(closed);

        Assert.Equal(0, await connection.SendAsync(BenchRequest.Get("/fixed")));
    }
}
