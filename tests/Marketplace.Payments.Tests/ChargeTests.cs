using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing;
using StackExchange.Redis;

namespace Marketplace.Payments.Tests;

public sealed class ChargeTests(PaymentsServiceFixture fixture) : IClassFixture<PaymentsServiceFixture>
{
    private static object Charge(Guid orderId, string method = "Credit Card", decimal amount = 42.50m, Guid? userId = null) =>
        new { orderId, userId = userId ?? Guid.NewGuid(), amount, paymentMethod = method };

    [Fact]
    public async Task A_charge_completes_with_a_provider_transaction_id()
    {
        using var client = fixture.CreateInternalClient();
        var orderId = Guid.NewGuid();

        var response = await client.PostAsJsonAsync("/api/payments", Charge(orderId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await response.ReadJsonAsync())["data"]!;
        Assert.Equal("Completed", (string)data["status"]!);
        Assert.Equal(orderId, (Guid)data["orderId"]!);
        Assert.Equal(42.50m, (decimal)data["amount"]!);
        Assert.Equal("USD", (string)data["currency"]!);
        Assert.StartsWith("sbx_", (string)data["providerTransactionId"]!);
        Assert.Null(data["failureReason"]);
    }

    [Fact]
    public async Task A_repeated_charge_returns_the_first_transaction_and_charges_once()
    {
        using var client = fixture.CreateInternalClient();
        var orderId = Guid.NewGuid();
        var first = (await (await client.PostAsJsonAsync("/api/payments", Charge(orderId))).ReadJsonAsync())["data"]!;

        var repeat = await client.PostAsJsonAsync("/api/payments", Charge(orderId, amount: 99m));

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var again = (await repeat.ReadJsonAsync())["data"]!;
        Assert.Equal((string)first["transactionId"]!, (string)again["transactionId"]!);
        Assert.Equal((string)first["providerTransactionId"]!, (string)again["providerTransactionId"]!);
        Assert.Equal(42.50m, (decimal)again["amount"]!);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM sandbox_charges WHERE provider_transaction_id = $1", (string)first["providerTransactionId"]!));
    }

    [Fact]
    public async Task Concurrent_charges_of_one_order_make_one_transaction_and_one_provider_charge()
    {
        using var client = fixture.CreateInternalClient();
        var orderId = Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.PostAsJsonAsync("/api/payments", Charge(orderId))));

        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ids.Add((string)(await response.ReadJsonAsync())["data"]!["transactionId"]!);
        }

        Assert.Single(ids);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM transactions WHERE order_id = $1", orderId));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM sandbox_charges WHERE amount = 42.50 AND idempotency_key = (SELECT 'charge:' || replace(id::text, '-', '') FROM transactions WHERE order_id = $1)", orderId));
    }

    [Fact]
    public async Task An_idempotency_key_returns_the_first_outcome_and_cannot_be_reused_for_another_order()
    {
        using var client = fixture.CreateInternalClient();
        var key = Guid.NewGuid().ToString();
        var orderId = Guid.NewGuid();
        var first = await SendWithKeyAsync(client, key, Charge(orderId));
        var repeat = await SendWithKeyAsync(client, key, Charge(orderId));

        var otherOrder = await SendWithKeyAsync(client, key, Charge(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((string)(await first.ReadJsonAsync())["data"]!["transactionId"]!, (string)(await repeat.ReadJsonAsync())["data"]!["transactionId"]!);
        Assert.Equal(HttpStatusCode.Conflict, otherOrder.StatusCode);
    }

    [Fact]
    public async Task A_declined_card_is_402_with_the_failed_transaction_and_stays_failed_on_repeat()
    {
        using var client = fixture.CreateInternalClient();
        var orderId = Guid.NewGuid();

        var response = await client.PostAsJsonAsync("/api/payments", Charge(orderId, "card_declined"));
        var repeat = await client.PostAsJsonAsync("/api/payments", Charge(orderId, "Credit Card"));

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.Equal("Failed", (string)problem["data"]!["status"]!);
        Assert.Equal("The card was declined.", (string)problem["data"]!["failureReason"]!);
        Assert.Equal(HttpStatusCode.PaymentRequired, repeat.StatusCode);
        Assert.Equal((string)problem["data"]!["transactionId"]!, (string)(await repeat.ReadJsonAsync())["data"]!["transactionId"]!);
    }

    [Fact]
    public async Task A_gateway_that_never_answers_fails_the_charge_after_the_timeout_and_retries()
    {
        using var client = fixture.CreateInternalClient();
        var started = DateTimeOffset.UtcNow;

        var response = await client.PostAsJsonAsync("/api/payments", Charge(Guid.NewGuid(), "card_timeout"));

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal("The payment gateway did not answer in time.", (string)(await response.ReadJsonAsync())["data"]!["failureReason"]!);
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_transient_gateway_error_is_retried_and_the_charge_completes()
    {
        using var client = fixture.CreateInternalClient();

        var response = await client.PostAsJsonAsync("/api/payments", Charge(Guid.NewGuid(), "card_error_once"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var providerId = (string)(await response.ReadJsonAsync())["data"]!["providerTransactionId"]!;
        Assert.Equal(2, await fixture.ScalarAsync("SELECT attempts FROM sandbox_charges WHERE provider_transaction_id = $1", providerId));
    }

    [Theory]
    [InlineData("""{"userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":10,"paymentMethod":"x"}""", "orderId")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000002","amount":10}""", "userId")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000003","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":0}""", "amount")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000004","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":-5}""", "amount")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000005","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":1.001}""", "amount")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000006","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":"ten"}""", "amount")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000007","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":1,"currency":"US"}""", "currency")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000008","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":1,"currency":"U$D"}""", "currency")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000009","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":1,"paymentMethod":" "}""", "paymentMethod")]
    public async Task Invalid_charges_are_rejected_with_field_errors_and_record_nothing(string json, string field)
    {
        using var client = fixture.CreateInternalClient();

        var response = await client.PostRawJsonAsync("/api/payments", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM transactions WHERE order_id::text LIKE '7d1c1a8e-%'"));
    }

    [Fact]
    public async Task A_lowercase_currency_is_stored_as_its_iso_code()
    {
        using var client = fixture.CreateInternalClient();

        var response = await client.PostAsJsonAsync("/api/payments", new { orderId = Guid.NewGuid(), userId = Guid.NewGuid(), amount = 5, currency = "eur", paymentMethod = "Credit Card" });

        Assert.Equal("EUR", (string)(await response.ReadJsonAsync())["data"]!["currency"]!);
    }

    [Fact]
    public async Task Charging_needs_the_service_credential()
    {
        using var anonymous = fixture.CreateClient();
        using var customer = fixture.CreateClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "customer"));

        var withoutCredential = await anonymous.PostAsJsonAsync("/api/payments", Charge(Guid.NewGuid()));
        var asCustomer = await customer.PostAsJsonAsync("/api/payments", Charge(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutCredential.StatusCode);
        Assert.Contains(asCustomer.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
    }

    [Fact]
    public async Task Completed_and_failed_charges_publish_their_events()
    {
        using var client = fixture.CreateInternalClient();
        var completedOrder = Guid.NewGuid();
        var failedOrder = Guid.NewGuid();
        await client.PostAsJsonAsync("/api/payments", Charge(completedOrder));
        await client.PostAsJsonAsync("/api/payments", Charge(failedOrder, "card_declined"));

        var completed = await WaitForEventAsync("PaymentCompleted", completedOrder);
        var failed = await WaitForEventAsync("PaymentFailed", failedOrder);

        Assert.Equal("Completed", (string)completed["status"]!);
        Assert.Equal(42.50m, (decimal)completed["amount"]!);
        Assert.Equal("The card was declined.", (string)failed["reason"]!);
    }

    private static Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    /// <summary>Reads the event for one order from the service's Redis stream, as a subscriber would receive it.</summary>
    private async Task<JsonNode> WaitForEventAsync(string topic, Guid orderId)
    {
        await using var redis = await fixture.Redis.ConnectAsync();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (DateTimeOffset.UtcNow < deadline)
        {
            foreach (var entry in await redis.GetDatabase().StreamRangeAsync($"{fixture.PubSubName}:{topic}"))
            {
                foreach (var value in entry.Values)
                {
                    var data = JsonNode.Parse((string)value.Value!)?["data"];
                    if (data?["orderId"] is { } id && (Guid)id == orderId)
                    {
                        return data;
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No {topic} event for order {orderId}.");
    }
}
