using System.Net;
using System.Net.Http.Json;
using Marketplace.Payments.IntegrationEvents;
using Marketplace.Testing;

namespace Marketplace.Payments.Tests;

/// <summary>A cancelled order's payment goes back through the OrderCancelled event, as the order service publishes it.</summary>
public sealed class OrderCancelledTests(PaymentsServiceFixture fixture) : IClassFixture<PaymentsServiceFixture>
{
    [Fact]
    public async Task Cancelling_a_paid_order_refunds_its_payment_once_even_when_the_event_is_delivered_twice()
    {
        var orderId = Guid.NewGuid();
        var transactionId = await ChargeAsync(orderId, "Credit Card");
        var cancelled = Cancelled(orderId);

        await PublishAsync(cancelled);
        await PublishAsync(cancelled);

        var refunded = await fixture.WaitForEventAsync("PaymentRefunded", orderId);
        Assert.Equal(transactionId, (Guid)refunded["transactionId"]!);
        Assert.Equal("Order cancelled: Cancelled by customer", (string)refunded["reason"]!);
        await Eventually.HoldsAsync(
            async () => await fixture.ScalarAsync(
                "SELECT count(*) FROM inbox_messages WHERE event_id = $1 AND consumer = 'payments.refund-cancelled-order'", cancelled.Id) == 1,
            TimeSpan.FromSeconds(10));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM transactions WHERE order_id = $1 AND status = 'Refunded'", orderId));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM sandbox_charges c JOIN transactions t ON t.provider_transaction_id = c.provider_transaction_id WHERE t.order_id = $1 AND c.refunded", orderId));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE topic = 'PaymentRefunded' AND payload->>'orderId' = $1", orderId.ToString()));
    }

    [Fact]
    public async Task Cancelling_an_order_whose_payment_failed_or_that_was_never_charged_changes_nothing()
    {
        var failedOrder = Guid.NewGuid();
        await ChargeAsync(failedOrder, "card_declined");
        var unpaidOrder = Guid.NewGuid();
        var failedCancelled = Cancelled(failedOrder);
        var unpaidCancelled = Cancelled(unpaidOrder);
        // A paid order cancelled after both shows when the consumer has caught up.
        var marker = Guid.NewGuid();
        await ChargeAsync(marker, "Credit Card");

        await PublishAsync(failedCancelled);
        await PublishAsync(unpaidCancelled);
        await PublishAsync(Cancelled(marker));

        await fixture.WaitForEventAsync("PaymentRefunded", marker);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM transactions WHERE order_id = $1 AND status = 'Failed'", failedOrder));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM transactions WHERE order_id = $1", unpaidOrder));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE topic = 'PaymentRefunded' AND payload->>'orderId' IN ($1, $2)", failedOrder.ToString(), unpaidOrder.ToString()));
    }

    private static OrderCancelled Cancelled(Guid orderId) =>
        new(orderId, Guid.NewGuid(), Guid.NewGuid(), 42.50m, "Cancelled", "Cancelled by customer");

    private Task PublishAsync(OrderCancelled orderCancelled) => EventStreams.PublishAsync(fixture.Redis, fixture.PubSubName, orderCancelled);

    private async Task<Guid> ChargeAsync(Guid orderId, string method)
    {
        using var client = fixture.CreateInternalClient();
        var response = await client.PostAsJsonAsync("/api/payments", ChargeTests.Charge(orderId, method));
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.PaymentRequired });
        return (Guid)(await response.ReadJsonAsync())["data"]!["transactionId"]!;
    }
}
