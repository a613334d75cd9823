using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Gateway.Tests;

public sealed class GatewayRoutingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Register_and_login_work_through_the_gateway_as_the_contract_says()
    {
        using var client = fixture.CreateClient();
        var email = $"gw-{Guid.NewGuid():N}@example.com";

        using var registered = await client.PostAsJsonAsync("/api/auth/register", new { name = "Gina", email, password = "secret1" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var registeredBody = await registered.ReadJsonAsync();
        Assert.True((bool)registeredBody["success"]!);
        Assert.Equal(email, (string?)registeredBody["data"]!["email"]);

        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "secret1" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.False(string.IsNullOrEmpty((string?)(await login.ReadJsonAsync())["token"]));
    }

    [Fact]
    public async Task Errors_from_a_service_come_back_unchanged()
    {
        using var client = fixture.CreateClient();
        using var response = await client.PostRawJsonAsync("/api/auth/login", "{\"email\": 42");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False((bool)(await response.ReadJsonAsync())["success"]!);
    }

    [Fact]
    public async Task A_NUL_in_the_query_is_refused_by_the_gateway_with_a_400_naming_the_parameter()
    {
        // A gateway of its own, so that this is the first problem with field errors it writes.
        await using var gateway = fixture.StartGateway(new Dictionary<string, string?>());
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var response = await client.GetAsync("/api/products?q=%00");

        await ProblemAssertions.AssertFieldErrorsAsync(response, "q");
    }

    [Theory]
    [InlineData("POST", "/api/inventory/reserve")]
    [InlineData("POST", "/api/inventory/release")]
    [InlineData("POST", "/api/inventory/commit")]
    [InlineData("POST", "/API/Inventory/Reserve/")]
    [InlineData("POST", "/api/orders")]
    [InlineData("POST", "/api/orders/")]
    [InlineData("POST", "/api/payments")]
    public async Task Internal_routes_are_not_reachable_even_with_a_service_credential(string method, string path)
    {
        using var client = fixture.CreateClient().WithInternalToken();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
        using var response = await client.SendAsync(request);

        // 404 from the gateway itself: the closed upstream port would have given 502.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False((bool)(await response.ReadJsonAsync())["success"]!);
    }

    [Theory]
    [InlineData("/events/UserRegistered")]
    [InlineData("/dapr/subscribe")]
    [InlineData("/api/nowhere")]
    public async Task Only_api_prefixes_are_forwarded(string path)
    {
        using var client = fixture.CreateClient();
        using var response = await client.PostAsJsonAsync(path, new { });

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{path} gave {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_service_that_is_down_gives_a_bad_gateway_not_a_hang()
    {
        using var client = fixture.CreateClient();
        using var response = await client.GetAsync("/api/products");

        Assert.True(response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable, $"gave {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_a_correlation_id()
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email = "x@example.com", password = "nope12" }) };
        request.Headers.Add("X-Correlation-Id", "corr-gateway-test");
        using var response = await client.SendAsync(request);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("corr-gateway-test", response.Headers.GetValues("X-Correlation-Id").First());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Cors_preflight_is_answered_for_configured_origins_only()
    {
        using var client = fixture.CreateClient();

        using var allowed = await client.SendAsync(Preflight(GatewayFixture.AllowedOrigin));
        Assert.Equal(GatewayFixture.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var refused = await client.SendAsync(Preflight("https://evil.example.com"));
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Oversized_bodies_are_refused()
    {
        using var client = fixture.CreateClient();
        var huge = new string('a', 2 * 1024 * 1024);
        using var response = await client.PostAsJsonAsync("/api/auth/register", new { name = huge, email = "big@example.com", password = "secret1" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task The_api_reference_and_each_service_openapi_document_are_served()
    {
        using var client = fixture.CreateClient();

        using var document = await client.GetAsync("/openapi/auth.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.NotNull((await document.ReadJsonAsync())["paths"]!["/api/auth/register"]);

        using var docs = await client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task Auth_routes_are_rate_limited_per_client()
    {
        await using var strictGateway = fixture.StartGateway(new Dictionary<string, string?> { ["Marketplace:Gateway:AuthPermitsPerMinute"] = "3" });
        using var client = new HttpClient { BaseAddress = strictGateway.BaseAddress };

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "guess@example.com", password = "guess12" });
            statuses.Add(response.StatusCode);
        }

        using var limited = await client.PostAsJsonAsync("/api/auth/login", new { email = "guess@example.com", password = "guess12" });
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        // The window is a minute: the client is told to come back within it.
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        var problem = await limited.ReadJsonAsync();
        Assert.Equal(("https://tools.ietf.org/html/rfc6585#section-4", false), ((string)problem["type"]!, (bool)problem["success"]!));
        using var notAuth = await client.GetAsync("/openapi/auth.json");
        Assert.Equal(HttpStatusCode.OK, notAuth.StatusCode);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/auth/login");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }
}
