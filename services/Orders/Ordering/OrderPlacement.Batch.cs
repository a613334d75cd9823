using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Orders.Carts;
using Marketplace.Orders.Catalog;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;
using Npgsql;

namespace Marketplace.Orders.Ordering;

public sealed partial class OrderPlacement
{
    private const string CheckoutsSeenSql = """
        SELECT c.checkout_id FROM unnest(@checkout_ids) AS c(checkout_id)
        WHERE EXISTS (SELECT 1 FROM orders o WHERE o.checkout_id = c.checkout_id)
           OR EXISTS (SELECT 1 FROM abandoned_checkouts a WHERE a.checkout_id = c.checkout_id)
        """;

    /// <summary>
    /// Places several checkouts' orders with one read of their carts, one call to the catalog and one transaction that
    /// takes every checkout's lock and then every cart's (each kind in id order, so that batches never deadlock one
    /// another) and writes all the orders. A checkout that is anything but the first placement of a cart priced and
    /// unchanged since (a repeat, an empty cart, a product gone, a cart that changed, a second checkout of the same
    /// user) is placed on its own afterwards, as <see cref="PlaceAsync"/> places it. The results are keyed by checkout id.
    /// </summary>
    public async Task<Dictionary<Guid, Placement>> PlaceAllAsync(IReadOnlyList<OrderDraft> drafts, CancellationToken cancellationToken)
    {
        var distinct = drafts.DistinctBy(draft => draft.CheckoutId).ToList();
        var together = distinct.DistinctBy(draft => draft.UserId).ToList();
        var results = together.Count > 1 ? await PlaceTogetherAsync(together, cancellationToken) : [];
        foreach (var draft in distinct.Where(draft => !results.ContainsKey(draft.CheckoutId)))
        {
            results[draft.CheckoutId] = await PlaceAsync(draft, cancellationToken);
        }

        return results;
    }

    /// <summary>The orders of the drafts that are plain first placements; the others are left out of the result.</summary>
    private async Task<Dictionary<Guid, Placement>> PlaceTogetherAsync(List<OrderDraft> drafts, CancellationToken cancellationToken)
    {
        var carts = await db.ReadBatchAsync(drafts.Select(draft => CartRows.ReadLines(draft.UserId)), SqlRows.EachResult(drafts.Count, CartRows.LinesAsync), cancellationToken);
        var filled = drafts.Zip(carts).Where(cart => cart.Second.Count > 0).ToList();
        if (filled.Count == 0)
        {
            return [];
        }

        var products = await catalog.FindAllAsync(filled.SelectMany(cart => cart.Second).Select(line => line.ProductId).ToHashSet(), cancellationToken);
        var priced = filled.Where(cart => cart.Second.TrueForAll(line => products.GetValueOrDefault(line.ProductId) is not null)).Select(cart => cart.First).ToList();
        if (priced.Count == 0)
        {
            return [];
        }

        var results = new Dictionary<Guid, Placement>();
        var writes = new List<NpgsqlBatchCommand>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (seen, lockedCarts) = await LockAllAsync(priced, cancellationToken);
        foreach (var draft in priced)
        {
            var cart = lockedCarts[draft.UserId];
            if (seen.Contains(draft.CheckoutId) || cart is not { Items.Count: > 0 } || cart.Items.Exists(item => products.GetValueOrDefault(item.ProductId) is null))
            {
                continue;
            }

            var order = NewOrder(draft, cart.Items, products);
            writes.AddRange([.. OrderRows.Insert(order), Outbox.InsertCommand(OrderOutbox.StatusEvent(order)), CartRows.Empty(cart.Id, order.CreatedAt)]);
            results[draft.CheckoutId] = new Placement(PlacementOutcome.Created, order);
        }

        if (writes.Count > 0)
        {
            await db.ExecuteBatchAsync(writes, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (results.Count > 0)
        {
            signal.Notify();
        }

        return results;
    }

    /// <summary>
    /// In one round trip: the checkouts' locks (in checkout id order), then their carts' (in user id order), then which
    /// checkouts already have an order or were abandoned, and the carts' lines as they stand under the locks.
    /// </summary>
    private Task<(HashSet<Guid> Seen, Dictionary<Guid, Cart?> Carts)> LockAllAsync(List<OrderDraft> drafts, CancellationToken cancellationToken)
    {
        var byCheckout = drafts.OrderBy(draft => draft.CheckoutId).ToList();
        var byUser = drafts.OrderBy(draft => draft.UserId).ToList();
        IEnumerable<NpgsqlBatchCommand> commands =
        [
            .. byCheckout.Select(draft => CheckoutLock.Command(draft.CheckoutId)),
            .. byUser.Select(draft => CartRows.ReadCart(draft.UserId, forUpdate: true)),
            SqlRows.Command(CheckoutsSeenSql, ("checkout_ids", byCheckout.Select(draft => draft.CheckoutId).ToArray())),
            .. byUser.Select(draft => CartRows.ReadLines(draft.UserId)),
        ];
        return db.ReadBatchAsync(
            commands,
            async (reader, token) =>
            {
                for (var skipped = 0; skipped < byCheckout.Count; skipped++)
                {
                    await reader.NextResultAsync(token);
                }

                var carts = new Dictionary<Guid, Cart?>();
                foreach (var draft in byUser)
                {
                    carts[draft.UserId] = await CartRows.CartAsync(reader, draft.UserId, token);
                    await reader.NextResultAsync(token);
                }

                var seen = (await reader.ReadAllAsync(row => row.GetGuid(0), token)).ToHashSet();
                foreach (var draft in byUser)
                {
                    await reader.NextResultAsync(token);
                    var lines = await CartRows.LinesAsync(reader, token);
                    if (carts[draft.UserId] is { } cart)
                    {
                        cart.Items = lines;
                    }
                }

                return (seen, carts);
            },
            cancellationToken);
    }
}
