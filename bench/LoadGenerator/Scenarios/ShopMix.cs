using Marketplace.Bench.LoadGenerator.Load;

namespace Marketplace.Bench.LoadGenerator.Scenarios;

/// <summary>
/// A shop's traffic: browse a category page (10), view a product (10), view the cart (3), add to it (2), check out (1),
/// each turn as one of many distinct users. Virtual user i only ever acts as users i, i+N, i+2N... so no two
/// connections share a cart, and it knows whether a cart is empty before checking it out.
/// Operations whose service does not run yet are left out of the draw.
/// </summary>
public sealed class ShopMix : IScenario
{
    private readonly Shop _shop;
    private readonly int _connections;
    private readonly int[] _cartLines;
    private readonly (string Name, int Weight, Func<VirtualUser, int, Task> Run)[] _operations;
    private readonly int _totalWeight;

    public ShopMix(Shop shop, int connections)
    {
        _shop = shop;
        _connections = connections;
        _cartLines = new int[shop.State.Users.Count];
        var state = shop.State;
        var withCart = state.Runs("orders") && state.Users.Count >= connections;
        var withCheckout = withCart && state.Runs("checkout") && state.HasStock;
        _operations = new (string, int, Func<VirtualUser, int, Task>)[]
        {
            ("browse", 10, (user, _) => shop.BrowseAsync(user)),
            ("view", 10, (user, _) => shop.ViewProductAsync(user)),
            ("cart", withCart ? 3 : 0, (user, buyer) => shop.ViewCartAsync(user, shop.State.Users[buyer])),
            ("add", withCart ? 2 : 0, AddAsync),
            ("checkout", withCheckout ? 1 : 0, CheckoutAsync),
        }.Where(o => o.Item2 > 0).ToArray();
        _totalWeight = _operations.Sum(o => o.Weight);
    }

    public string Name => "mix";

    public string Title => "Shop mix (" + string.Join(", ", _operations.Select(o => $"{o.Name} {o.Weight}")) + ")";

    public string Kind => "mix";

    public Task StepAsync(VirtualUser user)
    {
        var draw = user.Random.Next(_totalWeight);
        var chosen = _operations.First(o => (draw -= o.Weight) < 0);
        return chosen.Run(user, BuyerFor(user));
    }

    /// <summary>One of the users only this virtual user acts as.</summary>
    private int BuyerFor(VirtualUser user)
    {
        var owned = (_cartLines.Length - user.Index + _connections - 1) / _connections;
        return owned <= 0 ? user.Index % Math.Max(1, _cartLines.Length) : user.Index + _connections * user.Random.Next(owned);
    }

    private async Task AddAsync(VirtualUser user, int buyer)
    {
        if (await _shop.AddToCartAsync(user, _shop.State.Users[buyer], _shop.AnyPlentiful(user)) == 200)
        {
            _cartLines[buyer]++;
        }
    }

    private async Task CheckoutAsync(VirtualUser user, int buyer)
    {
        if (_cartLines[buyer] == 0)
        {
            await AddAsync(user, buyer);
        }

        await _shop.CheckoutAsync(user, _shop.State.Users[buyer]);
        _cartLines[buyer] = 0;
    }
}
