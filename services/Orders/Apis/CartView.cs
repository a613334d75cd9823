using Marketplace.Orders.Carts;
using Marketplace.Orders.Domain;

namespace Marketplace.Orders.Apis;

/// <param name="PriceChanged">The catalog price differs from the price the line was added at.</param>
/// <param name="CurrentPrice">The catalog's latest known price, which an order would be charged at.</param>
/// <param name="Available">False once the product was deleted from the catalog: an order cannot include it.</param>
/// <param name="SoldOut">Inventory reported the product sold out: a checkout now would be refused for it.</param>
public sealed record CartLineView(
    Guid ProductId, string Name, decimal Price, int Quantity, decimal Subtotal, bool PriceChanged, decimal CurrentPrice, bool Available, bool SoldOut,
    DateTimeOffset AddedAt);

public sealed record CartView(Guid Id, Guid UserId, IReadOnlyList<CartLineView> Items, int ItemCount, decimal TotalPrice, DateTimeOffset UpdatedAt)
{
    public static CartView Of(CartSnapshot snapshot)
    {
        var lines = snapshot.Cart.Items.OrderBy(i => i.AddedAt).ThenBy(i => i.ProductId)
            .Select(item => Line(item, snapshot.CatalogPrices.GetValueOrDefault(item.ProductId), snapshot.SoldOut.Contains(item.ProductId)))
            .ToList();
        var cart = snapshot.Cart;
        return new CartView(cart.Id, cart.UserId, lines, lines.Sum(l => l.Quantity), cart.TotalPrice, cart.UpdatedAt);
    }

    private static CartLineView Line(CartItem item, CatalogPrice? catalog, bool soldOut)
    {
        var currentPrice = catalog is { Deleted: false } ? catalog.Price : item.Price;
        return new CartLineView(
            item.ProductId, item.Name, item.Price, item.Quantity, item.Price * item.Quantity,
            currentPrice != item.Price, currentPrice, catalog is not { Deleted: true }, soldOut, item.AddedAt);
    }
}
