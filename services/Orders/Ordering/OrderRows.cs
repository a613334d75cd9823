using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Orders.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Marketplace.Orders.Ordering;

/// <summary>
/// Reads and writes of whole orders (the order, its lines and its shipping address) as commands for one batch, and
/// the reader that turns their result sets back into orders.
/// </summary>
public static class OrderRows
{
    private const string OrderColumns = "o.id, o.user_id, o.checkout_id, o.total_amount, o.status, o.status_reason, o.created_at, o.updated_at, o.xmin";

    private const string InsertOrderSql = """
        INSERT INTO orders (id, user_id, checkout_id, total_amount, status, status_reason, created_at, updated_at)
        VALUES (@id, @user_id, @checkout_id, @total_amount, @status, @status_reason, @created_at, @updated_at)
        """;

    private const string InsertItemSql = """
        INSERT INTO order_items (id, order_id, product_id, name, price, quantity) VALUES (@id, @order_id, @product_id, @name, @price, @quantity)
        """;

    private const string InsertAddressSql = """
        INSERT INTO shipping_addresses (id, order_id, street, city, zip, country) VALUES (@id, @order_id, @street, @city, @zip, @country)
        """;

    // The status change lands only on the version that was read: of two racing changes, one finds no row.
    private const string ChangeStatusSql = $"""
        WITH {Outbox.ChangedRows} AS (
            UPDATE orders SET status = @status, status_reason = @status_reason, updated_at = @updated_at
            WHERE id = @order_id AND xmin = @version RETURNING id)
        """;

    /// <summary>
    /// Three result sets: the orders whose ids <paramref name="selection"/> returns (newest first), their lines, and
    /// their addresses. The selection's parameters are given as name/value pairs, since each command needs its own.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> Read(string selection, params (string Name, object? Value)[] parameters)
    {
        var picked = $"WITH picked AS ({selection})";
        yield return SqlRows.Command($"{picked} SELECT {OrderColumns} FROM orders o JOIN picked p ON p.id = o.id ORDER BY o.created_at DESC, o.id DESC", parameters);
        yield return SqlRows.Command($"{picked} SELECT i.order_id, i.product_id, i.name, i.price, i.quantity FROM order_items i JOIN picked p ON p.id = i.order_id", parameters);
        yield return SqlRows.Command($"{picked} SELECT a.order_id, a.street, a.city, a.zip, a.country FROM shipping_addresses a JOIN picked p ON p.id = a.order_id", parameters);
    }

    /// <summary>Reads the three result sets of <see cref="Read"/>, leaving the reader on the last of them.</summary>
    public static async Task<List<Order>> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var orders = await reader.ReadAllAsync(
            row => new Order
            {
                Id = row.GetGuid(0),
                UserId = row.GetGuid(1),
                CheckoutId = row.GetGuid(2),
                TotalAmount = row.GetDecimal(3),
                Status = Enum.Parse<OrderStatus>(row.GetString(4)),
                StatusReason = row.GetNullableString(5),
                CreatedAt = row.GetFieldValue<DateTimeOffset>(6),
                UpdatedAt = row.GetFieldValue<DateTimeOffset>(7),
                Version = row.GetFieldValue<uint>(8),
            },
            cancellationToken);
        var byId = orders.ToDictionary(order => order.Id);
        await reader.NextResultAsync(cancellationToken);
        foreach (var item in await reader.ReadAllAsync(
            row => new OrderItem { OrderId = row.GetGuid(0), ProductId = row.GetGuid(1), Name = row.GetString(2), Price = row.GetDecimal(3), Quantity = row.GetInt32(4) },
            cancellationToken))
        {
            byId[item.OrderId].Items.Add(item);
        }

        await reader.NextResultAsync(cancellationToken);
        foreach (var address in await reader.ReadAllAsync(
            row => new ShippingAddress { OrderId = row.GetGuid(0), Street = row.GetString(1), City = row.GetString(2), Zip = row.GetString(3), Country = row.GetString(4) },
            cancellationToken))
        {
            byId[address.OrderId].ShippingAddress = address;
        }

        return orders;
    }

    /// <summary>The statements that store a new order with its lines and address.</summary>
    public static IEnumerable<NpgsqlBatchCommand> Insert(Order order)
    {
        yield return SqlRows.Command(
            InsertOrderSql,
            ("id", order.Id), ("user_id", order.UserId), ("checkout_id", order.CheckoutId), ("total_amount", order.TotalAmount),
            ("status", order.Status.ToString()), ("status_reason", order.StatusReason), ("created_at", order.CreatedAt), ("updated_at", order.UpdatedAt));
        foreach (var item in order.Items)
        {
            yield return SqlRows.Command(
                InsertItemSql, ("id", item.Id), ("order_id", order.Id), ("product_id", item.ProductId), ("name", item.Name), ("price", item.Price), ("quantity", item.Quantity));
        }

        var address = order.ShippingAddress;
        yield return SqlRows.Command(
            InsertAddressSql, ("id", address.Id), ("order_id", order.Id), ("street", address.Street), ("city", address.City), ("zip", address.Zip), ("country", address.Country));
    }

    /// <summary>
    /// Moves the order, as it was read (at <see cref="Order.Version"/>), to its current status and stores the event
    /// that reports it, in one statement: both, or neither when the order has changed since (no row affected).
    /// </summary>
    public static NpgsqlBatchCommand ChangeStatus(Order order, OutboxMessage statusEvent)
    {
        var command = Outbox.InsertCommand(statusEvent, onlyAfter: ChangeStatusSql).WithParameters(
            ("status", order.Status.ToString()), ("status_reason", order.StatusReason), ("updated_at", order.UpdatedAt), ("order_id", order.Id));
        command.Parameters.Add(new NpgsqlParameter("version", NpgsqlDbType.Xid) { Value = order.Version });
        return command;
    }
}
