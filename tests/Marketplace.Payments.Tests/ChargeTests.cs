using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Payments.Tests;

public sealed class ChargeTests(PaymentsServiceFixture fixture) : IClassFixture<PaymentsServiceFixture>
{
    private const string ProviderCallsOfOrder =
        "SELECT coalesce(sum(c.attempts), 0) FROM sandbox_charges c JOIN transactions t ON c.idempotency_key = 'charge:' || replace(t.id::text, '-', '') WHERE t.order_id = $1";

    public static object Charge(Guid orderId, string method = "Credit Card", decimal amount = 42.50m, Guid? userId = null) =>
        new { orderId, userId = userId ?? Guid.NewGuid(), amount, paymentMethod = method };

    [Fact]
    public async Task A_valid_card_completes_with_a_provider_transaction_id()
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
        Assert.Equal(1, await fixture.ScalarAsync(ProviderCallsOfOrder, orderId));
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
        Assert.Null(problem["data"]!["providerTransactionId"]);
        Assert.Equal(HttpStatusCode.PaymentRequired, repeat.StatusCode);
        Assert.Equal((string)problem["data"]!["transactionId"]!, (string)(await repeat.ReadJsonAsync())["data"]!["transactionId"]!);
    }

    [Fact]
    public async Task A_gateway_that_never_answers_fails_the_charge_after_the_timeout_and_bounded_retries()
    {
        using var client = fixture.CreateInternalClient();
        var orderId = Guid.NewGuid();
        var clock = Stopwatch.StartNew();

        var response = await client.PostAsJsonAsync("/api/payments", Charge(orderId, "card_timeout"));

        // Two attempts of 300 ms and a 50 ms backoff.
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(640), TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal("The payment gateway did not answer in time.", (string)(await response.ReadJsonAsync())["data"]!["failureReason"]!);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM transactions WHERE order_id = $1 AND status = 'Failed'", orderId));
    }

    [Fact]
    public async Task A_transient_gateway_error_is_retried_with_the_same_key_and_the_charge_completes()
    {
        using var client = fixture.CreateInternalClient();
        var orderId = Guid.NewGuid();

        var response = await client.PostAsJsonAsync("/api/payments", Charge(orderId, "card_error_once"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Completed", (string)(await response.ReadJsonAsync())["data"]!["status"]!);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM sandbox_charges c JOIN transactions t ON c.provider_transaction_id = t.provider_transaction_id WHERE t.order_id = $1", orderId));
        Assert.Equal(2, await fixture.ScalarAsync(ProviderCallsOfOrder, orderId));
    }

    [Fact]
    public async Task A_repeated_charge_returns_the_first_transaction_and_does_not_call_the_provider_again()
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
        Assert.Equal(1, await fixture.ScalarAsync(ProviderCallsOfOrder, orderId));
    }

    [Theory]
    [InlineData("Credit Card", 1)]
    [InlineData("card_error_once", 2)]
    public async Task Twenty_concurrent_charges_of_one_order_make_one_transaction_and_one_provider_charge(string method, int providerCalls)
    {
        using var client = fixture.CreateInternalClient();
        var orderId = Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PostAsJsonAsync("/api/payments", Charge(orderId, method))));

        var transactionIds = new HashSet<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var data = (await response.ReadJsonAsync())["data"]!;
            Assert.Equal("Completed", (string)data["status"]!);
            transactionIds.Add((string)data["transactionId"]!);
        }

        Assert.Single(transactionIds);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM transactions WHERE order_id = $1", orderId));
        // card_error_once needs two calls for its one charge; a second charging request would have made more.
        Assert.Equal(providerCalls, await fixture.ScalarAsync(ProviderCallsOfOrder, orderId));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE topic = 'PaymentCompleted' AND payload->>'orderId' = $1", orderId.ToString()));
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
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM transactions WHERE idempotency_key = $1", key));
    }

    [Theory]
    [InlineData("""{"userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":10,"paymentMethod":"x"}""", "orderId")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000002","amount":10,"paymentMethod":"x"}""", "userId")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000003","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":0,"paymentMethod":"x"}""", "amount")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000004","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":-5,"paymentMethod":"x"}""", "amount")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000005","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":1.001,"paymentMethod":"x"}""", "amount")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000006","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":"ten","paymentMethod":"x"}""", "amount")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000007","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":1,"currency":"US","paymentMethod":"x"}""", "currency")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000008","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":1,"currency":"U$D","paymentMethod":"x"}""", "currency")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-000000000009","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":1,"paymentMethod":" "}""", "paymentMethod")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-00000000000a","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":1}""", "paymentMethod")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-00000000000b","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":100000000,"paymentMethod":"x"}""", "amount")]
    [InlineData("""{"orderId":"not-a-uuid","userId":"7d1c1a8e-0000-4000-8000-000000000001","amount":1,"paymentMethod":"x"}""", "orderId")]
    [InlineData("""{"orderId":"7d1c1a8e-0000-4000-8000-00000000000c","userId":"00000000-0000-0000-0000-000000000000","amount":1,"paymentMethod":"x"}""", "userId")]
    public async Task Invalid_charges_are_rejected_with_field_errors_and_record_nothing(string json, string field)
    {
        using var client = fixture.CreateInternalClient();

        var response = await client.PostRawJsonAsync("/api/payments", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM transactions WHERE order_id::text LIKE '7d1c1a8e-%'"));
    }

    [Fact]
    public async Task An_overlong_idempotency_key_is_rejected()
    {
        using var client = fixture.CreateInternalClient();

        var response = await SendWithKeyAsync(client, new string('k', 101), Charge(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]!["Idempotency-Key"]);
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
        using var admin = fixture.CreateClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "admin"));
        using var wrongToken = fixture.CreateClient();
        wrongToken.DefaultRequestHeaders.Add("X-Internal-Token", "not-the-token");
        var orderId = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/payments", Charge(orderId))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongToken.PostAsJsonAsync("/api/payments", Charge(orderId))).StatusCode);
        // A user's token does not authenticate for a service-only route.
        Assert.Equal(HttpStatusCode.Unauthorized, (await customer.PostAsJsonAsync("/api/payments", Charge(orderId))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.PostAsJsonAsync("/api/payments", Charge(orderId))).StatusCode);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM transactions WHERE order_id = $1", orderId));
    }

    [Fact]
    public async Task Completed_and_failed_charges_publish_their_events()
    {
        using var client = fixture.CreateInternalClient();
        var userId = Guid.NewGuid();
        var completedOrder = Guid.NewGuid();
        var failedOrder = Guid.NewGuid();
        await client.PostAsJsonAsync("/api/payments", Charge(completedOrder, userId: userId));
        await client.PostAsJsonAsync("/api/payments", Charge(failedOrder, "card_declined"));

        var completed = await fixture.WaitForEventAsync("PaymentCompleted", completedOrder);
        var failed = await fixture.WaitForEventAsync("PaymentFailed", failedOrder);

        Assert.Equal("Completed", (string)completed["status"]!);
        Assert.Equal(42.50m, (decimal)completed["amount"]!);
        Assert.Equal("USD", (string)completed["currency"]!);
        Assert.Equal(userId, (Guid)completed["userId"]!);
        Assert.NotNull(completed["transactionId"]);
        Assert.Equal("Failed", (string)failed["status"]!);
        Assert.Equal("The card was declined.", (string)failed["reason"]!);
    }

    public static Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
