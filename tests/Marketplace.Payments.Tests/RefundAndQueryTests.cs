using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Payments.Tests;

public sealed class RefundAndQueryTests(PaymentsServiceFixture fixture) : IClassFixture<PaymentsServiceFixture>
{
    private async Task<string> ChargeAsync(Guid userId, string method = "Credit Card", Guid? orderId = null)
    {
        using var client = fixture.CreateInternalClient();
        var response = await client.PostAsJsonAsync("/api/payments", new { orderId = orderId ?? Guid.NewGuid(), userId, amount = 19.99m, paymentMethod = method });
        var body = await response.ReadJsonAsync();
        return (string)(body["data"]!["transactionId"])!;
    }

    [Fact]
    public async Task A_refund_marks_the_transaction_refunded_publishes_once_and_a_repeat_is_harmless()
    {
        var orderId = Guid.NewGuid();
        var transactionId = await ChargeAsync(Guid.NewGuid(), orderId: orderId);
        using var client = fixture.CreateInternalClient();

        var refund = await client.PostAsJsonAsync($"/api/payments/{transactionId}/refund", new { reason = "Order cancelled" });
        var repeat = await client.PostAsync($"/api/payments/{transactionId}/refund", null);

        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        var data = (await refund.ReadJsonAsync())["data"]!;
        Assert.Equal("Refunded", (string)data["status"]!);
        Assert.NotNull(data["refundedAt"]);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("Refunded", (string)(await repeat.ReadJsonAsync())["data"]!["status"]!);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM sandbox_charges c JOIN transactions t ON t.provider_transaction_id = c.provider_transaction_id WHERE t.id = $1::uuid AND c.refunded", transactionId));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE topic = 'PaymentRefunded' AND payload->>'transactionId' = $1", transactionId));
        var published = await fixture.WaitForEventAsync("PaymentRefunded", orderId);
        Assert.Equal("Refunded", (string)published["status"]!);
        Assert.Equal("Order cancelled", (string)published["reason"]!);
        Assert.Equal(19.99m, (decimal)published["amount"]!);
    }

    [Fact]
    public async Task Concurrent_refunds_of_one_payment_all_answer_refunded_and_record_one_refund()
    {
        var transactionId = await ChargeAsync(Guid.NewGuid());
        using var client = fixture.CreateInternalClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync($"/api/payments/{transactionId}/refund", null)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE topic = 'PaymentRefunded' AND payload->>'transactionId' = $1", transactionId));
    }

    [Fact]
    public async Task An_overlong_refund_reason_is_rejected()
    {
        var transactionId = await ChargeAsync(Guid.NewGuid());
        using var client = fixture.CreateInternalClient();

        var response = await client.PostAsJsonAsync($"/api/payments/{transactionId}/refund", new { reason = new string('r', 501) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]!["reason"]);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM transactions WHERE id = $1::uuid AND status = 'Refunded'", transactionId));
    }

    [Fact]
    public async Task Only_completed_payments_can_be_refunded_and_unknown_ones_are_404()
    {
        var failed = await ChargeAsync(Guid.NewGuid(), "card_declined");
        using var client = fixture.CreateInternalClient();

        var refundOfFailed = await client.PostAsync($"/api/payments/{failed}/refund", null);
        Assert.Equal(HttpStatusCode.Conflict, refundOfFailed.StatusCode);
        Assert.False((bool)(await refundOfFailed.ReadJsonAsync())["success"]!);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM transactions WHERE id = $1::uuid AND status = 'Failed'", failed));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/payments/{Guid.NewGuid()}/refund", null)).StatusCode);
    }

    [Fact]
    public async Task Admins_may_refund_and_customers_may_not()
    {
        var owner = Guid.NewGuid();
        var transactionId = await ChargeAsync(owner);
        using var customer = fixture.CreateClient().WithBearer(TestJwt.TokenFor(owner, "customer"));
        using var admin = fixture.CreateClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "admin"));

        var byCustomer = await customer.PostAsync($"/api/payments/{transactionId}/refund", null);
        var byAdmin = await admin.PostAsync($"/api/payments/{transactionId}/refund", null);

        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
    }

    [Fact]
    public async Task A_transaction_is_visible_to_its_owner_and_admins_and_404_to_anyone_else()
    {
        var owner = Guid.NewGuid();
        var transactionId = await ChargeAsync(owner);
        using var ownerClient = fixture.CreateClient().WithBearer(TestJwt.TokenFor(owner, "customer"));
        using var stranger = fixture.CreateClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "customer"));
        using var admin = fixture.CreateClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "admin"));
        using var anonymous = fixture.CreateClient();

        var byOwner = await ownerClient.GetAsync($"/api/payments/{transactionId}");

        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(19.99m, (decimal)(await byOwner.ReadJsonAsync())["data"]!["amount"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/payments/{transactionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/payments/{transactionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/payments/{transactionId}")).StatusCode);
    }

    [Fact]
    public async Task The_list_holds_only_the_callers_transactions_newest_first_in_pages()
    {
        var owner = Guid.NewGuid();
        var first = await ChargeAsync(owner);
        await ChargeAsync(Guid.NewGuid());
        var second = await ChargeAsync(owner);
        var third = await ChargeAsync(owner, "card_declined");
        using var client = fixture.CreateClient().WithBearer(TestJwt.TokenFor(owner, "customer"));

        var page1 = await (await client.GetAsync("/api/payments?limit=2")).ReadJsonAsync();
        var page2 = await (await client.GetAsync("/api/payments?limit=2&page=2")).ReadJsonAsync();

        Assert.Equal([third, second], page1["data"]!.AsArray().Select(t => (string)t!["transactionId"]!));
        Assert.Equal([first], page2["data"]!.AsArray().Select(t => (string)t!["transactionId"]!));
        Assert.Equal(3, (int)page1["pagination"]!["total"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/payments?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/payments?page=2147483647&limit=100")).StatusCode);
    }

    [Fact]
    public async Task Services_can_look_up_the_transaction_of_an_order()
    {
        var orderId = Guid.NewGuid();
        using var client = fixture.CreateInternalClient();
        await client.PostAsJsonAsync("/api/payments", new { orderId, userId = Guid.NewGuid(), amount = 3m, paymentMethod = "Credit Card" });

        var found = await client.GetAsync($"/api/payments/orders/{orderId}");
        var missing = await client.GetAsync($"/api/payments/orders/{Guid.NewGuid()}");

        Assert.Equal("Completed", (string)(await found.ReadJsonAsync())["data"]!["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
