using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Orders.Domain;
using Npgsql;

namespace Marketplace.Orders.Carts;

/// <summary>
/// Reads of a user's cart for callers that send them in a batch with other statements: one command per result set,
/// and the readers that turn each result set into entities.
/// </summary>
public static class CartRows
{
    /// <summary>
    /// The id of the user's cart, for statements about its lines: the cart is looked up once, by its index, however
    /// the server estimates the tables. (Joined instead, it planned sequential scans of the carts table inside loops
    /// while the table was new and small, and kept those plans as it grew: a run read 250 million cart rows.)
    /// </summary>
    public const string UserCartId = "(SELECT id FROM carts WHERE user_id = @user_id)";

    private const string CartSql = "SELECT id, total_price, updated_at FROM carts WHERE user_id = @user_id";

    private const string LinesSql = $"""
        SELECT i.id, i.cart_id, i.product_id, i.name, i.price, i.quantity, i.added_at
        FROM cart_items i WHERE i.cart_id = {UserCartId}
        """;

    private const string EmptySql = """
        WITH lines AS (DELETE FROM cart_items WHERE cart_id = @cart_id)
        UPDATE carts SET total_price = 0, updated_at = @now WHERE id = @cart_id
        """;

    /// <summary>Empties the cart: its lines go (they became an order's) and its total with them.</summary>
    public static NpgsqlBatchCommand Empty(Guid cartId, DateTimeOffset now) =>
        new(EmptySql) { Parameters = { new("cart_id", cartId), new("now", now) } };

    public static NpgsqlBatchCommand ReadCart(Guid userId, bool forUpdate = false) =>
        ForUser(forUpdate ? CartSql + " FOR UPDATE" : CartSql, userId);

    public static NpgsqlBatchCommand ReadLines(Guid userId) => ForUser(LinesSql, userId);

    /// <summary>The cart row of the current result set, or null when the user has no cart.</summary>
    public static async Task<Cart?> CartAsync(NpgsqlDataReader reader, Guid userId, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken)
            ? new Cart { Id = reader.GetGuid(0), UserId = userId, TotalPrice = reader.GetDecimal(1), UpdatedAt = reader.GetFieldValue<DateTimeOffset>(2) }
            : null;

    public static Task<List<CartItem>> LinesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        reader.ReadAllAsync(Line, cancellationToken);

    /// <summary>The line in the current row, whose first columns are those of <see cref="ReadLines"/>.</summary>
    public static CartItem Line(NpgsqlDataReader row) => new()
    {
        Id = row.GetGuid(0),
        CartId = row.GetGuid(1),
        ProductId = row.GetGuid(2),
        Name = row.GetString(3),
        Price = row.GetDecimal(4),
        Quantity = row.GetInt32(5),
        AddedAt = row.GetFieldValue<DateTimeOffset>(6),
    };

    /// <summary>A command with the <c>@user_id</c> parameter every cart statement is keyed by.</summary>
    public static NpgsqlBatchCommand ForUser(string sql, Guid userId)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("user_id", userId);
        return command;
    }
}
