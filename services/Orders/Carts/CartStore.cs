using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Orders.Catalog;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;
using Npgsql;

namespace Marketplace.Orders.Carts;

/// <param name="SoldOut">The cart's products inventory last reported sold out.</param>
public sealed record CartSnapshot(Cart Cart, IReadOnlyDictionary<Guid, CatalogPrice> CatalogPrices, IReadOnlySet<Guid> SoldOut);

public enum CartChange
{
    Done,
    ItemNotInCart,
    SoldOut,
    TooManyLines,
    LineQuantityExceeded,
}

/// <summary>What a change did, and the cart as it stands afterwards.</summary>
public sealed record CartChangeResult(CartChange Outcome, CartSnapshot Cart);

/// <summary>
/// Changes to a user's cart, each sent with the read of the resulting cart as one batch: one round trip, which
/// PostgreSQL runs as one transaction. The batch first creates or locks the user's cart row, so concurrent changes to
/// one cart apply one after the other; every later statement takes its snapshot after that lock, so the change and
/// the stored total see the lines as they are, and the total always matches them.
/// </summary>
public sealed class CartStore(OrdersDbContext db, TimeProvider clock)
{
    // The line and the total change in one statement, so that a refused change (no row) leaves the cart untouched:
    // the total is the other lines' sum (read in the statement's snapshot, taken under the lock) plus the new line's.
    // A product inventory announced sold out is refused. The one row says whether it was sold out and whether the
    // line changed.
    private const string AddLineSql = """
        WITH availability AS (
            SELECT EXISTS (SELECT 1 FROM product_availability a WHERE a.product_id = @product_id AND a.sold_out) AS sold_out),
        line AS (
            INSERT INTO cart_items (id, cart_id, product_id, name, price, quantity, added_at)
            SELECT @line_id, c.id, @product_id, @name, @price, @quantity, @now FROM carts c, availability
            WHERE c.user_id = @user_id AND NOT availability.sold_out
              AND (EXISTS (SELECT 1 FROM cart_items i WHERE i.cart_id = c.id AND i.product_id = @product_id)
                   OR (SELECT count(*) FROM cart_items i WHERE i.cart_id = c.id) < @max_lines)
            ON CONFLICT (cart_id, product_id) DO UPDATE
            SET quantity = cart_items.quantity + excluded.quantity, name = excluded.name, price = excluded.price, added_at = excluded.added_at
            WHERE cart_items.quantity + excluded.quantity <= @max_quantity
            RETURNING cart_id, price * quantity AS subtotal),
        total AS (
            UPDATE carts SET total_price = line.subtotal + (SELECT COALESCE(SUM(i.price * i.quantity), 0) FROM cart_items i
                                                           WHERE i.cart_id = carts.id AND i.product_id <> @product_id),
                             updated_at = @now
            FROM line WHERE carts.id = line.cart_id
            RETURNING carts.id)
        SELECT availability.sold_out, EXISTS (SELECT 1 FROM total) FROM availability
        """;

    private const string RemoveLineSql = $"""
        WITH line AS (
            DELETE FROM cart_items i
            WHERE i.cart_id = {CartRows.UserCartId} AND i.product_id = @product_id
            RETURNING i.cart_id)
        UPDATE carts SET total_price = (SELECT COALESCE(SUM(i.price * i.quantity), 0) FROM cart_items i
                                        WHERE i.cart_id = carts.id AND i.product_id <> @product_id),
                         updated_at = @now
        FROM line WHERE carts.id = line.cart_id
        """;

    private const string ClearSql = $"""
        WITH lines AS (DELETE FROM cart_items i WHERE i.cart_id = {CartRows.UserCartId})
        UPDATE carts SET total_price = 0, updated_at = @now WHERE user_id = @user_id
        """;

    // An existing cart's row is locked but not updated ("WHERE false" still locks the conflicting row): updating it
    // here would leave a dead version of the row behind on every change to the cart.
    private const string LockOrCreateSql = """
        INSERT INTO carts (id, user_id, total_price, updated_at) VALUES (@cart_id, @user_id, 0, @now)
        ON CONFLICT (user_id) DO UPDATE SET user_id = excluded.user_id WHERE false
        """;

    private const string CreateIfMissingSql = """
        INSERT INTO carts (id, user_id, total_price, updated_at) VALUES (@cart_id, @user_id, 0, @now)
        ON CONFLICT (user_id) DO NOTHING
        """;

    // The lines with what the catalog and inventory last said of their products, in one statement.
    private const string ReadLinesWithProductsSql = $"""
        SELECT i.id, i.cart_id, i.product_id, i.name, i.price, i.quantity, i.added_at,
               p.price, p.deleted, p.observed_at, COALESCE(a.sold_out, false)
        FROM cart_items i
        LEFT JOIN catalog_prices p ON p.product_id = i.product_id
        LEFT JOIN product_availability a ON a.product_id = i.product_id
        WHERE i.cart_id = {CartRows.UserCartId}
        """;

    // The cancelled order's lines go back into the cart: onto the line of a product already there (up to the most a
    // line may hold), or as new lines while the cart has room, products deleted from the catalog left out. The total
    // is then summed again over all the lines.
    private const string RestoreOrderSql = """
        WITH cart AS (SELECT id FROM carts WHERE user_id = @user_id),
        lines AS (
            SELECT i.product_id, i.name, i.price, i.quantity, present.product_id IS NOT NULL AS present,
                   row_number() OVER (PARTITION BY present.product_id IS NULL ORDER BY i.product_id) AS rank
            FROM order_items i
            LEFT JOIN cart_items present ON present.cart_id = (SELECT id FROM cart) AND present.product_id = i.product_id
            WHERE i.order_id = @order_id
              AND NOT EXISTS (SELECT 1 FROM catalog_prices p WHERE p.product_id = i.product_id AND p.deleted)),
        restored AS (
            INSERT INTO cart_items (id, cart_id, product_id, name, price, quantity, added_at)
            SELECT gen_random_uuid(), cart.id, l.product_id, l.name, l.price, LEAST(l.quantity, @max_quantity), @now
            FROM lines l, cart
            WHERE l.present OR l.rank <= @max_lines - (SELECT count(*) FROM cart_items i WHERE i.cart_id = cart.id)
            ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = LEAST(cart_items.quantity + excluded.quantity, @max_quantity)
            RETURNING cart_id)
        UPDATE carts SET updated_at = @now WHERE id IN (SELECT cart_id FROM restored)
        """;

    private const string SumTotalSql = """
        UPDATE carts SET total_price = (SELECT COALESCE(SUM(i.price * i.quantity), 0) FROM cart_items i WHERE i.cart_id = carts.id)
        WHERE user_id = @user_id
        """;

    public async Task<CartChangeResult> AddAsync(Guid userId, CatalogProduct product, int quantity, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = Command(AddLineSql, userId, now,
            ("line_id", Guid.CreateVersion7()), ("product_id", product.Id), ("name", product.Name), ("price", product.Price),
            ("quantity", quantity), ("max_lines", Cart.MaxLines), ("max_quantity", CartItem.MaxQuantity));
        // What the catalog just said is recorded whether or not the cart could take the product.
        var ((soldOut, changed), cart) = await RunAsync(
            userId,
            [CartRowCommand(LockOrCreateSql, userId, now), change, CatalogPriceView.RecordPriceCommand(product.Id, product.Price, now)],
            async (reader, token) => await reader.ReadAsync(token) ? (reader.GetBoolean(0), reader.GetBoolean(1)) : throw new InvalidOperationException("The cart change returned no row."),
            cancellationToken);
        var outcome = changed ? CartChange.Done
            : soldOut ? CartChange.SoldOut
            : cart.Cart.Items.Any(item => item.ProductId == product.Id) ? CartChange.LineQuantityExceeded
            : CartChange.TooManyLines;
        return new CartChangeResult(outcome, cart);
    }

    public async Task<CartChangeResult> RemoveAsync(Guid userId, Guid productId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (changed, cart) = await ChangeAsync(userId, now, Command(RemoveLineSql, userId, now, ("product_id", productId)), cancellationToken);
        return new CartChangeResult(changed ? CartChange.Done : CartChange.ItemNotInCart, cart);
    }

    public async Task<CartSnapshot> ClearAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return (await ChangeAsync(userId, now, Command(ClearSql, userId, now), cancellationToken)).Cart;
    }

    /// <summary>
    /// Puts the lines of the user's cancelled order back into the user's cart, inside the caller's transaction (so a
    /// checkout that failed leaves the shopper's selection where it was).
    /// </summary>
    public Task RestoreOrderAsync(Guid userId, Guid orderId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.ExecuteBatchAsync(
            [
                CartRowCommand(LockOrCreateSql, userId, now),
                Command(RestoreOrderSql, userId, now, ("order_id", orderId), ("max_lines", Cart.MaxLines), ("max_quantity", CartItem.MaxQuantity)),
                Command(SumTotalSql, userId, now),
            ],
            cancellationToken);
    }

    /// <summary>The user's cart (created empty on first use) with what the catalog last said about its products.</summary>
    public async Task<CartSnapshot> GetAsync(Guid userId, CancellationToken cancellationToken) =>
        await RunAsync(userId, [CartRowCommand(CreateIfMissingSql, userId, clock.GetUtcNow())], cancellationToken);

    /// <summary>Locks the cart, applies the change and reads the cart back; Changed is whether the change touched a row.</summary>
    private async Task<(bool Changed, CartSnapshot Cart)> ChangeAsync(Guid userId, DateTimeOffset now, NpgsqlBatchCommand change, CancellationToken cancellationToken)
    {
        var cart = await RunAsync(userId, [CartRowCommand(LockOrCreateSql, userId, now), change], cancellationToken);
        return (change.RecordsAffected > 0, cart);
    }

    /// <summary>Runs the commands and then reads the cart, all in one batch.</summary>
    private Task<CartSnapshot> RunAsync(Guid userId, NpgsqlBatchCommand[] commands, CancellationToken cancellationToken) =>
        db.ReadBatchAsync([.. commands, .. CartReads(userId)], (reader, token) => ReadCartAsync(reader, userId, token), cancellationToken);

    /// <summary>Runs the commands, of which exactly one returns rows (read by <paramref name="readResult"/>), and then reads the cart, all in one batch.</summary>
    private Task<(T Result, CartSnapshot Cart)> RunAsync<T>(
        Guid userId, NpgsqlBatchCommand[] commands, Func<NpgsqlDataReader, CancellationToken, Task<T>> readResult, CancellationToken cancellationToken) =>
        db.ReadBatchAsync(
            [.. commands, .. CartReads(userId)],
            async (reader, token) =>
            {
                var result = await readResult(reader, token);
                await reader.NextResultAsync(token);
                return (result, await ReadCartAsync(reader, userId, token));
            },
            cancellationToken);

    private static NpgsqlBatchCommand[] CartReads(Guid userId) => [CartRows.ReadCart(userId), CartRows.ForUser(ReadLinesWithProductsSql, userId)];

    private static async Task<CartSnapshot> ReadCartAsync(NpgsqlDataReader reader, Guid userId, CancellationToken cancellationToken)
    {
        var cart = await CartRows.CartAsync(reader, userId, cancellationToken)
            ?? throw new InvalidOperationException("The cart the batch created or locked is missing.");
        await reader.NextResultAsync(cancellationToken);
        var prices = new Dictionary<Guid, CatalogPrice>();
        var soldOut = new HashSet<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var line = CartRows.Line(reader);
            cart.Items.Add(line);
            if (!reader.IsDBNull(7))
            {
                prices[line.ProductId] = new CatalogPrice
                {
                    ProductId = line.ProductId, Price = reader.GetDecimal(7), Deleted = reader.GetBoolean(8), ObservedAt = reader.GetFieldValue<DateTimeOffset>(9),
                };
            }

            if (reader.GetBoolean(10))
            {
                soldOut.Add(line.ProductId);
            }
        }

        return new CartSnapshot(cart, prices, soldOut);
    }

    private static NpgsqlBatchCommand CartRowCommand(string sql, Guid userId, DateTimeOffset now) =>
        Command(sql, userId, now, ("cart_id", Guid.CreateVersion7()));

    private static NpgsqlBatchCommand Command(string sql, Guid userId, DateTimeOffset now, params (string Name, object Value)[] parameters)
    {
        var command = CartRows.ForUser(sql, userId);
        command.Parameters.AddWithValue("now", now);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
