using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Orders.Catalog;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;
using Microsoft.EntityFrameworkCore;
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
        await db.LockCheckoutAsync(draft.CheckoutId, cancellationToken);
        var carts = await db.Carts.FromSql($"SELECT * FROM carts WHERE user_id = {draft.UserId} FOR UPDATE").ToListAsync(cancellationToken);
        // A concurrent repeat of this checkout waited for the locks above: it must find the order, not an empty cart;
        // and an abandonment that got the checkout's lock first must be seen.
        if (await ExistingAsync(draft, cancellationToken) is { } existing)
        {
            return existing;
        }

        var cart = carts.SingleOrDefault();
        var items = cart is null ? [] : await db.CartItems.Where(i => i.CartId == cart.Id).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return new Placement(PlacementOutcome.EmptyCart);
        }

        if (items.Any(item => !products.ContainsKey(item.ProductId)))
        {
            return null;
        }

        var order = NewOrder(draft, items, products);
        db.Orders.Add(order);
        db.AddStatusEvent(order);
        db.CartItems.RemoveRange(items);
        cart!.TotalPrice = 0;
        cart.UpdatedAt = order.CreatedAt;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Placement(PlacementOutcome.Created, order);
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
        var order = await db.Orders.AsNoTracking().Include(o => o.Items).Include(o => o.ShippingAddress).AsSplitQuery()
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
