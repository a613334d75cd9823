using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Orders.Carts;
using Marketplace.Orders.Catalog;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
public sealed class OrderPlacement(OrdersDbContext db, ProductCatalogClient catalog, TimeProvider clock)
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
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another user's checkout already used this id.
            db.ChangeTracker.Clear();
            return await ExistingAsync(draft, cancellationToken) ?? new Placement(PlacementOutcome.CheckoutIdTaken);
        }
    }

    private async Task<Placement> PlaceOnceAsync(OrderDraft draft, CancellationToken cancellationToken)
    {
        // A repeat of a placed checkout finds its order under the cart's lock, or sooner when the cart cannot be priced.
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var productIds = await db.CartItems.Where(i => db.Carts.Any(c => c.Id == i.CartId && c.UserId == draft.UserId))
                .Select(i => i.ProductId).ToListAsync(cancellationToken);
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
        await using var transaction = await db.Database.BeginAllOrNothingTransactionAsync(cancellationToken);
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

        db.Carts.Attach(cart);
        var order = NewOrder(draft, cart.Items, products);
        db.Orders.Add(order);
        db.AddStatusEvent(order);
        db.CartItems.RemoveRange(cart.Items);
        cart.TotalPrice = 0;
        cart.UpdatedAt = order.CreatedAt;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Placement(PlacementOutcome.Created, order);
    }

    /// <summary>
    /// In one round trip: takes the checkout's lock and then the cart's, and reads whether the checkout already has
    /// an order or was abandoned, and the cart's lines (each statement sees what committed before its locks).
    /// </summary>
    private async Task<(bool CheckoutSeen, Cart? Cart)> LockAsync(OrderDraft draft, CancellationToken cancellationToken)
    {
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(CheckoutLock.Command(draft.CheckoutId));
        batch.BatchCommands.Add(CartRows.ReadCart(draft.UserId, forUpdate: true));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(CheckoutSeenSql) { Parameters = { new NpgsqlParameter("checkout_id", draft.CheckoutId) } });
        batch.BatchCommands.Add(CartRows.ReadLines(draft.UserId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
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
        var order = await db.Orders.AsNoTracking().Include(o => o.Items).Include(o => o.ShippingAddress)
            .SingleOrDefaultAsync(o => o.CheckoutId == draft.CheckoutId, cancellationToken);
        return order switch
        {
            null => await db.AbandonedCheckouts.AnyAsync(a => a.CheckoutId == draft.CheckoutId, cancellationToken)
                ? new Placement(PlacementOutcome.CheckoutAbandoned)
                : null,
            _ when order.UserId != draft.UserId => new Placement(PlacementOutcome.CheckoutIdTaken),
            _ => new Placement(PlacementOutcome.AlreadyPlaced, order),
        };
    }
}
