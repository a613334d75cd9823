using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Checkout.Tests.Api;

public sealed class CheckoutApiTests(PeersDownFixture fixture) : IClassFixture<PeersDownFixture>
{
    [Fact]
    public async Task Checkout_without_a_token_is_401_problem_details()
    {
        using var client = fixture.CreateClient();

        var response = await client.CheckoutAsync(CheckoutRequests.Valid());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False((bool)(await response.ReadJsonAsync())["success"]!);
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"paymentMethod":"Credit Card"}""", "shippingAddress" },
        { """{"shippingAddress":{"street":" ","city":"Springfield","zip":"12345","country":"US"},"paymentMethod":"Credit Card"}""", "shippingAddress.street" },
        { """{"shippingAddress":{"street":"1 Main St","city":"Springfield","zip":"12345","country":"US"}}""", "paymentMethod" },
        { """{"shippingAddress":{"street":"1 Main St","city":"Springfield","zip":"123456789012345678901","country":"US"},"paymentMethod":"Credit Card"}""", "shippingAddress.zip" },
        { """{"shippingAddress":{"street":"1 Main St","city":"Springfield","zip":"12$45","country":"US"},"paymentMethod":"Credit Card"}""", "shippingAddress.zip" },
        { """{"shippingAddress":{"street":"1 Main St","city":"Springfield","zip":"12345"},"paymentMethod":"Credit Card"}""", "shippingAddress.country" },
        { """{"shippingAddress":{"street":"1 Main St","city":"Springfield","zip":12345,"country":"US"},"paymentMethod":"Credit Card"}""", "shippingAddress.zip" },
        { """{"shippingAddress":{"street":"1 Main St","city":"Springfield","zip":"12345","country":"US"},"paymentMethod":"Credit Card\u0000"}""", "paymentMethod" },
        { """{"shippingAddress":{"street":"1 Main St\u0000","city":"Springfield","zip":"12345","country":"US"},"paymentMethod":"Credit Card"}""", "shippingAddress.street" },
        { """{"shippingAddress":{"street":"1 Main St","city":"Springfield","zip":"12345","country":"US"},"paymentMethod":"Credit Card","expectedTotal":-1}""", "expectedTotal" },
        { """{"shippingAddress":{"street":"1 Main St","city":"Springfield","zip":"12345","country":"US"},"paymentMethod":"Credit Card","expectedTotal":9.999}""", "expectedTotal" },
        { """{"shippingAddress":{"street":"1 Main St","city":"Springfield","zip":"12345","country":"US"},"paymentMethod":"Credit Card","expectedTotal":"ten"}""", "expectedTotal" },
        { """{"shippingAddress":""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_body_is_400_naming_the_field_and_starts_nothing(string body, string field)
    {
        using var client = fixture.CreateClient(Guid.NewGuid());

        var response = await client.PostRawJsonAsync("/api/checkout", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task An_overlong_idempotency_key_is_400()
    {
        using var client = fixture.CreateClient(Guid.NewGuid());

        var response = await client.CheckoutAsync(CheckoutRequests.Valid(), new string('k', 256));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]!["Idempotency-Key"]);
    }

    [Fact]
    public async Task A_slow_saga_answers_202_with_a_status_link_that_later_reports_the_compensated_failure()
    {
        var user = Guid.NewGuid();
        await using var outage = await OrdersOutage.BeginAsync();
        using var client = outage.CreateClient(user);

        var response = await client.CheckoutAsync(CheckoutRequests.Valid());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.ReadJsonAsync();
        var checkoutId = (Guid)accepted["checkoutId"]!;
        Assert.Equal($"/api/checkout/{checkoutId}", response.Headers.Location!.OriginalString);
        Assert.Equal("Processing", (string)accepted["status"]!);
        Assert.Null(accepted["orderId"]);
        var running = (await (await client.GetAsync(response.Headers.Location)).ReadJsonAsync())["data"]!;
        Assert.Equal("Running", (string)running["status"]!);

        // The create was never answered, so the order may exist: the saga keeps abandoning the checkout until the
        // order service answers, and does not complete before.
        var failed = await client.ViewWhenAsync(response.Headers.Location, view => view.Steps().Any(), "record a step");
        Assert.Equal([("OrderCreated", false)], failed.Steps());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.NotEqual("Completed", (string)(await (await client.GetAsync(response.Headers.Location)).ReadJsonAsync())["data"]!["status"]!);

        using var orders = await outage.EndAsync();
        var final = await client.CompletedViewAsync(response.Headers.Location);
        Assert.Equal("Failed", (string)final["outcome"]!);
        Assert.Equal([("OrderCreated", false), ("OrderCancelled", true)], final.Steps());
        Assert.Null(final["orderId"]);
        using var lateCreate = await orders.PostAsJsonAsync("/api/orders", new { checkoutId, userId = user, shippingAddress = CheckoutRequests.Address });
        Assert.Equal(HttpStatusCode.Conflict, lateCreate.StatusCode);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_returns_the_first_outcome_and_creates_no_second_checkout()
    {
        var user = Guid.NewGuid();
        await using var outage = await OrdersOutage.BeginAsync();
        using var client = outage.CreateClient(user);
        var first = await client.CheckoutAsync(CheckoutRequests.Valid(), "order-attempt-1");
        var checkoutId = (string)(await first.ReadJsonAsync())["checkoutId"]!;
        await client.ViewWhenAsync(first.Headers.Location!, view => view.Steps().Any(), "record a step");
        (await outage.EndAsync()).Dispose();
        await client.CompletedViewAsync(first.Headers.Location!);

        var repeat = await client.CheckoutAsync(CheckoutRequests.Valid(), "order-attempt-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, repeat.StatusCode);
        var problem = await repeat.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.Equal(checkoutId, (string)problem["checkoutId"]!);
        Assert.NotNull(problem["message"]);
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_a_different_request_is_422()
    {
        using var client = fixture.CreateClient(Guid.NewGuid());
        await client.CheckoutAsync(CheckoutRequests.Valid(), "reused-key");

        var response = await client.CheckoutAsync(CheckoutRequests.Valid("Debit Card"), "reused-key");

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
    }

    [Fact]
    public async Task Another_users_checkout_is_404()
    {
        using var owner = fixture.CreateClient(Guid.NewGuid());
        var location = (await owner.CheckoutAsync(CheckoutRequests.Valid())).Headers.Location!;
        using var stranger = fixture.CreateClient(Guid.NewGuid());

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/checkout/{Guid.NewGuid()}")).StatusCode);
    }
}
