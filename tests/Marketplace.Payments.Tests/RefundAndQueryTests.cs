using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Payments.Tests;

public sealed class RefundAndQueryTests(PaymentsServiceFixture fixture) : IClassFixture<PaymentsServiceFixture>
{
    private async Task<string> ChargeAsync(Guid userId, string method = "Credit Card")
    {
        using var client = fixture.CreateInternalClient();
        var response = await client.PostAsJsonAsync("/api/payments", new { orderId = Guid.NewGuid(), userId, amount = 19.99m, paymentMethod = method });
        var body = await response.ReadJsonAsync();
        return (string)(body["data"]!["transactionId"])!;
    }

    [Fact]
    public async Task A_refund_marks_the_transaction_refunded_and_a_repeat_is_harmless()
    {
        var transactionId = await ChargeAsync(Guid.NewGuid());
        using var client = fixture.CreateInternalClient();

        var refund = await client.PostAsJsonAsync($"/api/payments/{transactionId}/refund", new { reason = "Order cancelled" });
        var repeat = await client.PostAsync($"/api/payments/{transactionId}/refund", null);

        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal("Refunded", (string)(await refund.ReadJsonAsync())["data"]!["status"]!);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("Refunded", (string)(await repeat.ReadJsonAsync())["data"]!["status"]!);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM sandbox_charges c JOIN transactions t ON t.provider_transaction_id = c.provider_transaction_id WHERE t.id = $1::uuid AND c.refunded", transactionId));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE topic = 'PaymentRefunded' AND payload->>'transactionId' = $1", transactionId));
    }

    [Fact]
    public async Task Only_completed_payments_can_be_refunded_and_unknown_ones_are_404()
    {
        var failed = await ChargeAsync(Guid.NewGuid(), "card_declined");
        using var client = fixture.CreateInternalClient();

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/payments/{failed}/refund", null)).StatusCode);
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
