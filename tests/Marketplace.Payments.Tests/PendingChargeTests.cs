using System.Net;
using System.Net.Http.Json;
using Marketplace.Payments.IntegrationEvents;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Payments.Tests;

/// <summary>Charges found Pending: one still being charged by another request, and one left behind by a crashed request.</summary>
public sealed class PendingChargeTests(PaymentsServiceFixture fixture) : IClassFixture<PaymentsServiceFixture>
{
    [Fact]
    public async Task A_repeat_while_another_request_holds_the_charge_answers_202_with_the_pending_transaction()
    {
        using var client = fixture.CreateInternalClient();
        var orderId = Guid.NewGuid();
        var transactionId = await InsertPendingAsync(orderId);

        var whileHeld = await WhileAnotherRequestHoldsTheChargeAsync(orderId, () => client.PostAsJsonAsync("/api/payments", ChargeTests.Charge(orderId)));

        Assert.Equal(HttpStatusCode.Accepted, whileHeld.StatusCode);
        Assert.Equal($"/api/payments/orders/{orderId}", whileHeld.Headers.Location?.OriginalString);
        var pending = (await whileHeld.ReadJsonAsync())["data"]!;
        Assert.Equal("Pending", (string)pending["status"]!);
        Assert.Equal(transactionId, (Guid)pending["transactionId"]!);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM sandbox_charges WHERE idempotency_key = $1", $"charge:{transactionId:N}"));
    }

    [Fact]
    public async Task A_charge_whose_order_is_held_by_a_request_that_recorded_nothing_yet_answers_503()
    {
        using var client = fixture.CreateInternalClient();
        var orderId = Guid.NewGuid();

        var response = await WhileAnotherRequestHoldsTheChargeAsync(orderId, () => client.PostAsJsonAsync("/api/payments", ChargeTests.Charge(orderId)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False((bool)(await response.ReadJsonAsync())["success"]!);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM transactions WHERE order_id = $1", orderId));
    }

    [Fact]
    public async Task A_repeat_finishes_a_charge_left_pending_by_a_crash_with_the_same_provider_key()
    {
        using var client = fixture.CreateInternalClient();
        var orderId = Guid.NewGuid();
        var transactionId = await InsertPendingAsync(orderId);
        // The crashed request had reached the provider, which took the money under the transaction's key.
        await fixture.ScalarAsync(
            "INSERT INTO sandbox_charges (idempotency_key, provider_transaction_id, amount, currency, attempts, refunded, created_at) VALUES ($1, $2, 42.50, 'USD', 1, false, now())",
            $"charge:{transactionId:N}", $"sbx_{transactionId:N}");

        var repeat = await client.PostAsJsonAsync("/api/payments", ChargeTests.Charge(orderId));

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var data = (await repeat.ReadJsonAsync())["data"]!;
        Assert.Equal(transactionId, (Guid)data["transactionId"]!);
        Assert.Equal("Completed", (string)data["status"]!);
        Assert.Equal($"sbx_{transactionId:N}", (string)data["providerTransactionId"]!);
        Assert.Equal(2, await fixture.ScalarAsync("SELECT attempts FROM sandbox_charges WHERE idempotency_key = $1", $"charge:{transactionId:N}"));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE topic = 'PaymentCompleted' AND payload->>'orderId' = $1", orderId.ToString()));
    }

    [Fact]
    public async Task Cancelling_an_order_whose_charge_was_left_pending_finishes_the_charge_and_refunds_it()
    {
        var orderId = Guid.NewGuid();
        var transactionId = await InsertPendingAsync(orderId);

        await EventStreams.PublishAsync(fixture.Redis, fixture.PubSubName, new OrderCancelled(orderId, Guid.NewGuid(), Guid.NewGuid(), 42.50m, "Cancelled", null));

        var refunded = await fixture.WaitForEventAsync("PaymentRefunded", orderId);
        Assert.Equal(transactionId, (Guid)refunded["transactionId"]!);
        Assert.Equal("Order cancelled", (string)refunded["reason"]!);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE topic = 'PaymentCompleted' AND payload->>'orderId' = $1", orderId.ToString()));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM sandbox_charges WHERE idempotency_key = $1 AND refunded", $"charge:{transactionId:N}"));
    }

    /// <summary>Sends a request while a test connection holds the order's charge lock, as a request in the middle of charging would.</summary>
    private async Task<HttpResponseMessage> WhileAnotherRequestHoldsTheChargeAsync(Guid orderId, Func<Task<HttpResponseMessage>> send)
    {
        await using var holder = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await holder.OpenAsync();
        await Database.ScalarAsync(holder, "SELECT 0 FROM (SELECT pg_advisory_lock(hashtextextended($1, 0))) AS locked", orderId.ToString());
        return await send();
    }

    private async Task<Guid> InsertPendingAsync(Guid orderId)
    {
        var transactionId = Guid.NewGuid();
        await fixture.ScalarAsync(
            "INSERT INTO transactions (id, order_id, idempotency_key, user_id, amount, currency, status, payment_method) VALUES ($1, $2, $3, $4, 42.50, 'USD', 'Pending', 'Credit Card')",
            transactionId, orderId, orderId.ToString(), Guid.NewGuid());
        return transactionId;
    }
}
