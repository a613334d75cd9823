using Marketplace.Checkout.Tests.Api;
using Marketplace.Checkout.Workflow;
using Marketplace.Testing;

namespace Marketplace.Checkout.Tests.Crash;

public sealed class CheckoutCrashTests(CrashFixture fixture) : IClassFixture<CrashFixture>
{
    private const int Stocked = 3;
    private const int Bought = 2;

    // Services are killed and started again under these tests, and the suite runs beside them: conditions get time.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Where each doomed checkout dies, and whether its card pays (a declined one dies while compensating).</summary>
    public static readonly (string Step, string PaymentMethod)[] Crashes =
    [
        (StepNames.OrderCreated, "Credit Card"),
        (StepNames.StockReserved, "Credit Card"),
        (StepNames.PaymentCharged, "Credit Card"),
        (StepNames.OrderConfirmed, "Credit Card"),
        (StepNames.PaymentCharged, "card_declined"),
        (StepNames.StockReleased, "card_declined"),
    ];

    [Fact]
    public async Task Checkouts_killed_right_after_each_step_all_finish_once_a_checkout_without_the_fault_runs_again()
    {
        var doomed = await Task.WhenAll(Crashes.Select(async crash =>
        {
            var product = await fixture.Shop.StockedProductAsync(Stocked);
            var (_, token) = await fixture.Shop.BuyerAsync((product, Bought));
            var key = Guid.NewGuid().ToString();
            await using var process = await fixture.StartDoomedCheckoutAsync(crash.Step);
            using var client = process.CreateClient().WithBearer(token);
            // The request dies with the process, or gets a 202 first when the saga outlasts the response wait.
            await Record.ExceptionAsync(() => client.CheckoutAsync(CheckoutRequests.Valid(crash.PaymentMethod), key));
            Assert.True(await process.WaitForExitAsync(TimeSpan.FromMinutes(2)), $"Checkout:CrashAfter={crash.Step} did not end the process:\n{process.Output}");
            return (crash, product, token, key);
        }));

        var restarted = await fixture.SteadyCheckoutAsync();
        await Task.WhenAll(doomed.Select(async run =>
        {
            using var client = restarted.CreateClient().WithBearer(run.token);
            var (outcome, orderId) = await client.OutcomeAsync(await client.CheckoutAsync(CheckoutRequests.Valid(run.crash.PaymentMethod), run.key));

            var confirmed = run.crash.PaymentMethod == "Credit Card";
            Assert.True((confirmed ? CheckoutOutcome.Confirmed : CheckoutOutcome.PaymentDeclined) == outcome, $"After {run.crash}: {outcome}");
            await AssertSettledAsync(run.product, run.token, orderId!.Value, confirmed);
        }));
    }

    [Fact]
    public async Task Killing_the_payment_service_mid_charge_ends_in_a_failed_payment_and_a_fully_undone_checkout()
    {
        var product = await fixture.Shop.StockedProductAsync(Stocked);
        var (_, token) = await fixture.Shop.BuyerAsync((product, Bought));
        using var client = (await fixture.SteadyCheckoutAsync()).CreateClient().WithBearer(token);

        var checkingOut = client.CheckoutAsync(CheckoutRequests.Valid("card_timeout"));
        await Eventually.HoldsAsync(async () => (await fixture.Shop.OrdersOfAsync(token)).Count == 1, Patience);
        var orderId = (Guid)(await fixture.Shop.OrdersOfAsync(token))[0]!["id"]!;
        await Eventually.HoldsAsync(async () => (string?)(await fixture.Shop.PaymentOfOrderAsync(orderId))?["status"] == "Pending", Patience);
        await fixture.Payments.KillAsync();
        await fixture.StartPaymentsAsync();
        var (outcome, _) = await client.OutcomeAsync(await checkingOut);

        Assert.Equal(CheckoutOutcome.PaymentDeclined, outcome);
        await AssertSettledAsync(product, token, orderId, confirmed: false);
    }

    [Fact]
    public async Task A_charge_outlasts_a_payment_service_outage_and_confirms_once_it_is_back()
    {
        var product = await fixture.Shop.StockedProductAsync(Stocked);
        var (_, token) = await fixture.Shop.BuyerAsync((product, Bought));
        using var client = (await fixture.SteadyCheckoutAsync()).CreateClient().WithBearer(token);
        await fixture.Payments.KillAsync();

        var checkingOut = client.CheckoutAsync(CheckoutRequests.Valid());
        await Eventually.HoldsAsync(async () => (await fixture.Shop.OrdersOfAsync(token)).Count == 1, Patience);
        var orderId = (Guid)(await fixture.Shop.OrdersOfAsync(token))[0]!["id"]!;
        await Eventually.HoldsAsync(async () => (await fixture.Shop.StockAsync(product)).Reserved == Bought, Patience);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await fixture.StartPaymentsAsync();
        var (outcome, _) = await client.OutcomeAsync(await checkingOut);

        Assert.Equal(CheckoutOutcome.Confirmed, outcome);
        await AssertSettledAsync(product, token, orderId, confirmed: true);
    }

    /// <summary>The saga ended one way or the other with nothing left half-done: order, stock and money all agree.</summary>
    private async Task AssertSettledAsync(Guid product, string token, Guid orderId, bool confirmed)
    {
        Assert.Equal(confirmed ? "Confirmed" : "Cancelled", (string)(await fixture.Shop.OrderAsync(orderId))["status"]!);
        Assert.Single(await fixture.Shop.OrdersOfAsync(token));
        var (available, reserved) = await fixture.Shop.SettledStockAsync(product);
        Assert.Equal(0, reserved);
        Assert.Equal(Stocked, available + (confirmed ? Bought : 0));
        var payment = await fixture.Shop.PaymentOfOrderAsync(orderId);
        if (confirmed)
        {
            Assert.Equal("Completed", (string)payment!["status"]!);
        }
        else
        {
            Assert.NotEqual("Completed", (string?)payment?["status"]);
        }

        var charges = await fixture.Shop.PaymentsOfAsync(token);
        Assert.True(charges.Count(charge => (string)charge!["status"]! == "Completed") <= 1);
    }
}
