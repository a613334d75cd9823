using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Orders.Carts;
using Marketplace.Orders.Catalog;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;
using Npgsql;

namespace Marketplace.Orders.Ordering;

public enum PlacementOutcome
{
    Created,
    AlreadyPlaced,
    EmptyCart,
    ProductsUnavailable,
    CheckoutIdTaken,
    CheckoutAbandoned,
}

public sealed record Placement(PlacementOutcome Outcome, Order? Order = null, IReadOnlyList<Guid>? UnavailableProductIds = null);

public sealed record OrderDraft(Guid CheckoutId, Guid UserId, ShippingAddress ShippingAddress);

/// <summary>
/// Turns a user's cart into an order, once per checkout id. Prices are read from the catalog first (never while the
/// cart is locked); then, in one transaction holding the cart's lock, the order is written and the cart emptied.
/// </summary>
public sealed partial class OrderPlacement(OrdersDbContext db, ProductCatalogClient catalog, OutboxSignal signal, TimeProvider clock)
{
    // Each retry means the cart gained a product while it was being priced; that cannot go on for long.
    private const int MaxAttempts = 3;

    private const string CheckoutSeenSql = """
        SELECT EXISTS (SELECT 1 FROM orders WHERE checkout_id = @checkout_id)
            OR EXISTS (SELECT 1 FROM abandoned_checkouts WHERE checkout_id = @checkout_id)
        """;

    public async Task<Placement> PlaceAsync(OrderDraft draft, CancellationToken cancellationToken)
    {
        try
        {
            return await PlaceOnceAsync(draft, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another user's checkout already used this id.
            return await ExistingAsync(draft, cancellationToken) ?? new Placement(PlacementOutcome.CheckoutIdTaken);
        }
    }

    private async Task<Placement> PlaceOnceAsync(OrderDraft draft, CancellationToken cancellationToken)
    {
        // A repeat of a placed checkout finds its order under the cart's lock, or sooner when the cart cannot be priced.
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var productIds = (await db.ReadBatchAsync([CartRows.ReadLines(draft.UserId)], CartRows.LinesAsync, cancellationToken))
                .Select(line => line.ProductId).ToList();
            if (productIds.Count == 0)
            {
                // Placing this checkout's order may be what emptied the cart.
                return await ExistingAsync(draft, cancellationToken) ?? new Placement(PlacementOutcome.EmptyCart);
            }

            var products = await catalog.FindAllAsync(productIds, cancellationToken);
            var unavailable = products.Where(p => p.Value is null).Select(p => p.Key).Order().ToList();
            if (unavailable.Count > 0)
            {
                return await ExistingAsync(draft, cancellationToken)
                    ?? new Placement(PlacementOutcome.ProductsUnavailable, UnavailableProductIds: unavailable);
            }

            var placed = await WriteAsync(draft, products, cancellationToken);
            if (placed is not null)
            {
                return placed;
            }
        }

        throw new InvalidOperationException("The cart kept changing while the order was being placed.");
    }

    /// <summary>Writes the order and empties the cart; null when the cart now holds a product that was not priced.</summary>
    private async Task<Placement?> WriteAsync(OrderDraft draft, IReadOnlyDictionary<Guid, CatalogProduct?> products, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (checkoutSeen, cart) = await LockAsync(draft, cancellationToken);
        // A concurrent repeat of this checkout waited for the locks: it must find the order, not an empty cart; and
        // an abandonment that got the checkout's lock first must be seen.
        if (checkoutSeen && await ExistingAsync(draft, cancellationToken) is { } existing)
        {
            return existing;
        }

        if (cart is not { Items.Count: > 0 })
        {
            return new Placement(PlacementOutcome.EmptyCart);
        }

        if (cart.Items.Any(item => !products.ContainsKey(item.ProductId)))
        {
            return null;
        }

        var order = NewOrder(draft, cart.Items, products);
        await db.ExecuteBatchAsync(
            [.. OrderRows.Insert(order), Outbox.InsertCommand(OrderOutbox.StatusEvent(order)), CartRows.Empty(cart.Id, order.CreatedAt)],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return new Placement(PlacementOutcome.Created, order);
    }

    /// <summary>
    /// In one round trip: takes the checkout's lock and then the cart's, and reads whether the checkout already has
    /// an order or was abandoned, and the cart's lines (each statement sees what committed before its locks).
    /// </summary>
    private Task<(bool CheckoutSeen, Cart? Cart)> LockAsync(OrderDraft draft, CancellationToken cancellationToken) =>
        db.ReadBatchAsync(
            [
                CheckoutLock.Command(draft.CheckoutId),
                CartRows.ReadCart(draft.UserId, forUpdate: true),
                new NpgsqlBatchCommand(CheckoutSeenSql) { Parameters = { new NpgsqlParameter("checkout_id", draft.CheckoutId) } },
                CartRows.ReadLines(draft.UserId),
            ],
            (reader, token) => ReadLockedAsync(reader, draft, token),
            cancellationToken);

    private static async Task<(bool CheckoutSeen, Cart? Cart)> ReadLockedAsync(NpgsqlDataReader reader, OrderDraft draft, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken);
        var cart = await CartRows.CartAsync(reader, draft.UserId, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var checkoutSeen = reader.GetBoolean(0);
        await reader.NextResultAsync(cancellationToken);
        var lines = await CartRows.LinesAsync(reader, cancellationToken);
        if (cart is not null)
        {
            cart.Items = lines;
        }

        return (checkoutSeen, cart);
    }

    private Order NewOrder(OrderDraft draft, List<CartItem> items, IReadOnlyDictionary<Guid, CatalogProduct?> products)
    {
        var now = clock.GetUtcNow();
        var orderId = Guid.CreateVersion7();
        var lines = items.Select(item =>
        {
            var product = products[item.ProductId]!;
            return new OrderItem { Id = Guid.CreateVersion7(), OrderId = orderId, ProductId = product.Id, Name = product.Name, Price = product.Price, Quantity = item.Quantity };
        }).ToList();
        draft.ShippingAddress.Id = Guid.CreateVersion7();
        draft.ShippingAddress.OrderId = orderId;
        return new Order
        {
            Id = orderId,
            UserId = draft.UserId,
            CheckoutId = draft.CheckoutId,
            TotalAmount = lines.Sum(line => line.Price * line.Quantity),
            Status = OrderStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            Items = lines,
            ShippingAddress = draft.ShippingAddress,
        };
    }

    private async Task<Placement?> ExistingAsync(OrderDraft draft, CancellationToken cancellationToken)
    {
        var abandoned = new NpgsqlBatchCommand("SELECT EXISTS (SELECT 1 FROM abandoned_checkouts WHERE checkout_id = @checkout_id)")
        {
            Parameters = { new NpgsqlParameter("checkout_id", draft.CheckoutId) },
        };
        var (order, wasAbandoned) = await db.ReadBatchAsync(
            [.. OrderRows.Read("SELECT id FROM orders WHERE checkout_id = @checkout_id", ("checkout_id", draft.CheckoutId)), abandoned],
            async (reader, token) =>
            {
                var orders = await OrderRows.ReadAsync(reader, token);
                await reader.NextResultAsync(token);
                await reader.ReadAsync(token);
                return (orders.SingleOrDefault(), reader.GetBoolean(0));
            },
            cancellationToken);
        return order switch
        {
            null => wasAbandoned ? new Placement(PlacementOutcome.CheckoutAbandoned) : null,
            _ when order.UserId != draft.UserId => new Placement(PlacementOutcome.CheckoutIdTaken),
            _ => new Placement(PlacementOutcome.AlreadyPlaced, order),
        };
    }
}
