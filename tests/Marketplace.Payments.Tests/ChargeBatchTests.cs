using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing;

namespace Marketplace.Payments.Tests;

/// <summary>The batch route checkout uses to charge concurrent checkouts' orders together.</summary>
public sealed class ChargeBatchTests(PaymentsServiceFixture fixture) : IClassFixture<PaymentsServiceFixture>
{
    private const string TransactionsOfOrder = "SELECT count(*) FROM transactions WHERE order_id = $1";

    private const string ProviderCallsOfOrder =
        "SELECT coalesce(sum(c.attempts), 0) FROM sandbox_charges c JOIN transactions t ON c.idempotency_key = 'charge:' || replace(t.id::text, '-', '') WHERE t.order_id = $1";

    [Fact]
    public async Task A_batch_charges_each_order_once_as_a_single_charge_would()
    {
        var (paid, declined, second, earlier) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using var client = fixture.CreateInternalClient();
        var earlierCharge = await (await client.PostAsJsonAsync("/api/payments", ChargeTests.Charge(earlier))).ReadJsonAsync();

        var charges = await ChargeAllAsync(client,
            ChargeTests.Charge(paid, amount: 10.25m), ChargeTests.Charge(declined, "card_declined"), ChargeTests.Charge(second), ChargeTests.Charge(earlier), ChargeTests.Charge(paid, amount: 10.25m));

        Assert.Equal(["Completed", "Failed", "Completed", "Completed", "Completed"], charges.Select(c => (string)c!["transaction"]!["status"]!));
        Assert.All(charges, charge => Assert.False((bool)charge!["busy"]!));
        Assert.Equal(10.25m, (decimal)charges[0]!["transaction"]!["amount"]!);
        Assert.StartsWith("sbx_", (string)charges[0]!["transaction"]!["providerTransactionId"]!);
        Assert.Equal("The card was declined.", (string)charges[1]!["detail"]!);
        Assert.Equal((string)earlierCharge["data"]!["transactionId"]!, (string)charges[3]!["transaction"]!["transactionId"]!);
        Assert.Equal((string)charges[0]!["transaction"]!["transactionId"]!, (string)charges[4]!["transaction"]!["transactionId"]!);
        foreach (var orderId in new[] { paid, declined, second, earlier })
        {
            Assert.Equal(1, await fixture.ScalarAsync(TransactionsOfOrder, orderId));
        }

        Assert.Equal(1, await fixture.ScalarAsync(ProviderCallsOfOrder, paid));
        Assert.Equal(1, await fixture.ScalarAsync(ProviderCallsOfOrder, earlier));

        // A repeat of the batch finds every outcome and charges nobody again.
        var repeated = await ChargeAllAsync(client, ChargeTests.Charge(paid, amount: 10.25m), ChargeTests.Charge(declined, "Credit Card"));
        Assert.Equal(["Completed", "Failed"], repeated.Select(c => (string)c!["transaction"]!["status"]!));
        Assert.Equal(1, await fixture.ScalarAsync(ProviderCallsOfOrder, paid));
    }

    [Fact]
    public async Task A_malformed_batch_is_refused_with_the_field_and_charges_nothing()
    {
        using var client = fixture.CreateInternalClient();
        var orderId = Guid.NewGuid();

        var response = await client.PostAsJsonAsync("/api/payments/batch", new { charges = new[] { ChargeTests.Charge(orderId, amount: -1m) } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.Contains(problem["errors"]!.AsObject(), error => string.Equals(error.Key, "charges[0].amount", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, await fixture.ScalarAsync(TransactionsOfOrder, orderId));
    }

    private static async Task<JsonArray> ChargeAllAsync(HttpClient client, params object[] charges)
    {
        var response = await client.PostAsJsonAsync("/api/payments/batch", new { charges });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["data"]!.AsArray();
    }
}
