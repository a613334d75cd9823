using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.BuildingBlocks.Tests;

/// <summary>
/// Both sides of the sidecar boundary in dapr mode: what the app sends to daprd (secrets, publish, invoke) and what
/// it serves daprd (the subscription list, CloudEvent deliveries guarded by the app API token).
/// </summary>
public sealed class DaprContractTests : IAsyncLifetime
{
    private const string SidecarToken = "token-the-app-sends-to-daprd";
    private const string AppToken = "token-daprd-sends-to-the-app";
    private ProbeEnvironment _environment = null!;
    private FakeSidecar _sidecar = null!;
    private ProbeApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _environment = await ProbeEnvironment.CreateAsync();
        _sidecar = await FakeSidecar.StartAsync(new Dictionary<string, Dictionary<string, string>>
        {
            ["database"] = new() { ["ConnectionStrings__Database"] = _environment.DatabaseConnectionString },
        });
        var settings = _environment.Settings();
        settings.Remove("ConnectionStrings:Database"); // only the secret store knows it
        settings.Remove("ConnectionStrings:Redis");
        settings["Marketplace:Runtime"] = "dapr";
        settings["DAPR_HTTP_ENDPOINT"] = _sidecar.Endpoint.ToString().TrimEnd('/');
        settings["DAPR_API_TOKEN"] = SidecarToken;
        settings["APP_API_TOKEN"] = AppToken;
        _app = await ProbeApp.StartAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sidecar.DisposeAsync();
    }

    [Fact]
    public async Task Secrets_come_from_the_sidecar_secret_store_with_the_api_token()
    {
        var secrets = _sidecar.OnlyRequest(request => request.Path == "/v1.0/secrets/secretstore/bulk");
        Assert.Equal("GET", secrets.Method);
        Assert.Equal(SidecarToken, secrets.Header("dapr-api-token"));

        using var client = new HttpClient { BaseAddress = _app.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode); // the database from the secret works
    }

    [Fact]
    public async Task Events_are_published_to_the_sidecar_pubsub_api_as_cloudevents()
    {
        var probe = new ProbeHappened("published");
        await _app.PublishAsync(probe);

        await Eventually.HoldsAsync(() => Task.FromResult(_sidecar.Requests.Any(request => request.Body.Contains(probe.Id.ToString(), StringComparison.Ordinal))));
        var publish = _sidecar.OnlyRequest(request => request.Body.Contains(probe.Id.ToString(), StringComparison.Ordinal));
        Assert.Equal("POST", publish.Method);
        Assert.Equal($"/v1.0/publish/{_environment.PubSubName}/ProbeHappened", publish.Path);
        Assert.Equal("application/cloudevents+json", publish.ContentType);
        Assert.Equal(SidecarToken, publish.Header("dapr-api-token"));
        var cloudEvent = JsonNode.Parse(publish.Body)!;
        Assert.Equal("1.0", (string?)cloudEvent["specversion"]);
        Assert.Equal(probe.Id.ToString(), (string?)cloudEvent["id"]);
        Assert.Equal("probe", (string?)cloudEvent["source"]);
        Assert.Equal("ProbeHappened", (string?)cloudEvent["type"]);
        Assert.Equal("published", (string?)cloudEvent["data"]!["note"]);
    }

    [Fact]
    public async Task Peer_calls_go_through_the_sidecar_invoke_api()
    {
        var peer = _app.App.Services.GetRequiredService<PeerClient>();
        using var response = await peer.GetOrderAsync("42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var invoke = _sidecar.OnlyRequest(request => request.Path.StartsWith("/v1.0/invoke/", StringComparison.Ordinal));
        Assert.Equal("GET", invoke.Method);
        Assert.Equal("/v1.0/invoke/orders/method/api/orders/42", invoke.Path);
        Assert.Equal(SidecarToken, invoke.Header("dapr-api-token"));
    }

    [Fact]
    public async Task The_app_tells_the_sidecar_which_topics_it_subscribes_to()
    {
        using var client = new HttpClient { BaseAddress = _app.BaseAddress };
        var subscriptions = (await client.GetFromJsonAsync<JsonArray>("/dapr/subscribe"))!;

        var probe = Assert.Single(subscriptions, s => (string?)s!["topic"] == "ProbeHappened")!;
        Assert.Equal(_environment.PubSubName, (string?)probe["pubsubname"]);
        // Dapr.AspNetCore lists routes without their leading slash; daprd posts to "/" + route.
        Assert.Equal("events/ProbeHappened", (string?)probe["route"]);
    }

    [Theory]
    [InlineData("handled", "SUCCESS")]
    [InlineData("drop", "DROP")]
    [InlineData("retry", "RETRY")]
    public async Task A_delivered_cloudevent_gets_the_status_daprd_understands(string note, string status)
    {
        var probe = new ProbeHappened(note);
        using var response = await DeliverAsync(probe, AppToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(status, (string?)(await response.ReadJsonAsync())["status"]);
        Assert.Equal(status == "SUCCESS", await _app.HandledAsync(probe.Id));
    }

    [Fact]
    public async Task A_redelivered_cloudevent_is_handled_once()
    {
        var probe = new ProbeHappened("twice");
        using var first = await DeliverAsync(probe, AppToken);
        using var second = await DeliverAsync(probe, AppToken);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, _app.Log.DeliveriesOf(probe.Id));
        Assert.True(await _app.HandledAsync(probe.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    [InlineData(TestSettings.InternalToken)]
    public async Task Deliveries_without_the_app_api_token_are_refused(string? token)
    {
        var probe = new ProbeHappened("forged");
        using var response = await DeliverAsync(probe, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _app.Log.DeliveriesOf(probe.Id));
    }

    [Fact]
    public async Task Calls_the_gateway_forwards_are_not_service_calls_even_with_the_app_api_token()
    {
        var probe = new ProbeHappened("from-outside");
        using var response = await DeliverAsync(probe, AppToken, callerAppId: "gateway");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _app.Log.DeliveriesOf(probe.Id));
    }

    [Fact]
    public async Task Calls_from_another_service_through_its_sidecar_are_service_calls()
    {
        var probe = new ProbeHappened("from-checkout");
        using var response = await DeliverAsync(probe, AppToken, callerAppId: "checkout");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> DeliverAsync(ProbeHappened probe, string? token, string? callerAppId = null)
    {
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = probe.Id.ToString(),
            ["source"] = "elsewhere",
            ["type"] = "ProbeHappened",
            ["topic"] = "ProbeHappened",
            ["pubsubname"] = _environment.PubSubName,
            ["datacontenttype"] = "application/json",
            ["data"] = new JsonObject { ["id"] = probe.Id.ToString(), ["occurredAt"] = probe.OccurredAt.ToString("O"), ["note"] = probe.Note },
        };
        using var client = new HttpClient { BaseAddress = _app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/events/ProbeHappened")
        {
            Content = new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"),
        };
        if (token is not null)
        {
            request.Headers.Add("dapr-api-token", token);
            request.Headers.Add("X-Internal-Token", token);
        }

        if (callerAppId is not null)
        {
            request.Headers.Add("dapr-caller-app-id", callerAppId);
        }

        return await client.SendAsync(request);
    }
}
