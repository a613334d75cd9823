using Marketplace.Bench.LoadGenerator.Load;

namespace Marketplace.Bench.LoadGenerator.Scenarios;

/// <summary>
/// Buyers in a loop: put one unit of a plentiful product and, every other time, one unit of a scarce product in
/// the cart, then check out. The scarce products (a few, with little stock each) sell out during the run, so the
/// later checkouts race for the last units and some are refused (409), as in a flash sale; once inventory has
/// reported a product sold out, the cart refuses it (409) and the buyer checks out with the rest. With
/// <paramref name="servicesCrash"/> the step is the load under which bench/run.sh kills and restarts services: a step
/// of its own kind, kept apart from the throughput figures.
/// </summary>
public sealed class CheckoutBuyers(Shop shop, IReadOnlyList<Guid> scarce, int buyers, bool servicesCrash = false) : IScenario
{
    public const string CrashKind = "checkout-crashes";

    public string Name => servicesCrash ? $"checkout-{buyers}-crashes" : $"checkout-{buyers}";

    public string Title => $"Checkout, {buyers} concurrent buyers, {scarce.Count} scarce products"
        + (servicesCrash ? ", while checkout, payments, inventory and orders are killed and restarted" : string.Empty);

    public string Kind => servicesCrash ? CrashKind : "checkout";

    public async Task StepAsync(VirtualUser user)
    {
        var buyer = shop.State.Users[user.Index];
        var added = 0;
        if (user.Random.Next(2) == 0 && await shop.AddToCartAsync(user, buyer, scarce[user.Random.Next(scarce.Count)]) == 200)
        {
            added++;
        }

        if (await shop.AddToCartAsync(user, buyer, shop.AnyPlentiful(user)) == 200)
        {
            added++;
        }

        if (added == 0)
        {
            return;
        }

        var status = await shop.CheckoutAsync(user, buyer);
        if (status is not (200 or 202))
        {
            // A checkout that did not happen leaves the cart as it was (with a sold-out product in it after a 409):
            // like a shopper giving up on those items, the next turn starts from an empty cart.
            await shop.ClearCartAsync(user, buyer);
        }
    }
}
