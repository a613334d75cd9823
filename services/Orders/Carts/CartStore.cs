using Marketplace.Orders.Catalog;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Carts;

public sealed record CartSnapshot(Cart Cart, IReadOnlyDictionary<Guid, CatalogPrice> CatalogPrices);

public enum CartChange
{
    Done,
    ItemNotInCart,
    TooManyLines,
    LineQuantityExceeded,
}

/// <summary>
/// Changes to a user's cart. Each runs in one transaction that first locks the user's cart row, so concurrent
/// changes to one cart apply one after the other and the stored total always matches the lines.
/// </summary>
public sealed class CartStore(OrdersDbContext db, CatalogPriceView prices, TimeProvider clock)
{
    public async Task<CartChange> AddAsync(Guid userId, CatalogProduct product, int quantity, CancellationToken cancellationToken) =>
        await ChangeAsync(userId, async cartId =>
        {
            var lines = await db.CartItems.Where(i => i.CartId == cartId).Select(i => i.ProductId).ToListAsync(cancellationToken);
            if (!lines.Contains(product.Id) && lines.Count >= Cart.MaxLines)
            {
                return CartChange.TooManyLines;
            }

            var now = clock.GetUtcNow();
            // A repeated add sums the quantities in the database itself, refusing (0 rows) a line above the limit.
            var written = await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO cart_items (id, cart_id, product_id, name, price, quantity, added_at)
                VALUES ({Guid.CreateVersion7()}, {cartId}, {product.Id}, {product.Name}, {product.Price}, {quantity}, {now})
                ON CONFLICT (cart_id, product_id) DO UPDATE
                SET quantity = cart_items.quantity + excluded.quantity, name = excluded.name, price = excluded.price, added_at = excluded.added_at
                WHERE cart_items.quantity + excluded.quantity <= {CartItem.MaxQuantity}
                """,
                cancellationToken);
            if (written == 0)
            {
                return CartChange.LineQuantityExceeded;
            }

            await prices.RecordPriceAsync(product.Id, product.Price, now, cancellationToken);
            return CartChange.Done;
        }, cancellationToken);

    public async Task<CartChange> RemoveAsync(Guid userId, Guid productId, CancellationToken cancellationToken) =>
        await ChangeAsync(userId, async cartId =>
        {
            var removed = await db.CartItems.Where(i => i.CartId == cartId && i.ProductId == productId).ExecuteDeleteAsync(cancellationToken);
            return removed == 0 ? CartChange.ItemNotInCart : CartChange.Done;
        }, cancellationToken);

    public async Task ClearAsync(Guid userId, CancellationToken cancellationToken) =>
        await ChangeAsync(userId, async cartId =>
        {
            await db.CartItems.Where(i => i.CartId == cartId).ExecuteDeleteAsync(cancellationToken);
            return CartChange.Done;
        }, cancellationToken);

    /// <summary>The user's cart (created empty on first use) with what the catalog last said about its products.</summary>
    public async Task<CartSnapshot> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        var cart = await db.Carts.AsNoTracking().Include(c => c.Items).SingleOrDefaultAsync(c => c.UserId == userId, cancellationToken);
        if (cart is null)
        {
            await LockOrCreateAsync(userId, cancellationToken);
            cart = await db.Carts.AsNoTracking().Include(c => c.Items).SingleAsync(c => c.UserId == userId, cancellationToken);
        }

        var productIds = cart.Items.Select(i => i.ProductId).ToList();
        var prices = await db.CatalogPrices.AsNoTracking().Where(p => productIds.Contains(p.ProductId)).ToDictionaryAsync(p => p.ProductId, cancellationToken);
        return new CartSnapshot(cart, prices);
    }

    private async Task<CartChange> ChangeAsync(Guid userId, Func<Guid, Task<CartChange>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cartId = await LockOrCreateAsync(userId, cancellationToken);
        var outcome = await change(cartId);
        if (outcome != CartChange.Done)
        {
            return outcome;
        }

        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE carts SET total_price = (SELECT COALESCE(SUM(price * quantity), 0) FROM cart_items WHERE cart_id = {cartId}),
                             updated_at = {clock.GetUtcNow()}
            WHERE id = {cartId}
            """,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>Creates the user's cart if needed and, inside a transaction, locks its row until the transaction ends.</summary>
    private async Task<Guid> LockOrCreateAsync(Guid userId, CancellationToken cancellationToken)
    {
        var ids = await db.Database.SqlQuery<Guid>(
            $"""
            INSERT INTO carts (id, user_id, total_price, updated_at) VALUES ({Guid.CreateVersion7()}, {userId}, 0, {clock.GetUtcNow()})
            ON CONFLICT (user_id) DO UPDATE SET user_id = excluded.user_id
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        return ids.Single();
    }
}
