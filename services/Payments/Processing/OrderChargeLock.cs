using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Payments.Domain;
using Marketplace.Payments.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Payments.Processing;

/// <summary>
/// The right to charge one order, held by one request at a time across every instance of the service: a PostgreSQL
/// session advisory lock on the DbContext's connection. If the holder's process dies its connection closes and the
/// lock is released at once, so a Pending charge it left behind can be finished by the next request.
/// </summary>
public sealed class OrderChargeLock : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private readonly PaymentsDbContext _db;
    private readonly Guid _orderId;

    private OrderChargeLock(PaymentsDbContext db, Guid orderId)
    {
        _db = db;
        _orderId = orderId;
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for the lock (null when another request still holds it then), and reads the
    /// transactions matching <paramref name="condition"/> in the same round trip as the attempt that settled it: under
    /// the lock when it was taken.
    /// </summary>
    public static async Task<(OrderChargeLock? Lock, List<PaymentTransaction> Transactions)> TryAcquireAsync(
        PaymentsDbContext db, Guid orderId, TimeSpan wait, TimeProvider clock,
        string condition, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + wait;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            while (true)
            {
                var (locked, transactions) = await db.ReadBatchAsync(
                    [LockCommand("SELECT pg_try_advisory_lock(hashtextextended(@order_key, 0))", orderId), TransactionRows.Read(condition, parameters)],
                    async (reader, token) =>
                    {
                        var locked = await reader.ReadAsync(token) && reader.GetBoolean(0);
                        await reader.NextResultAsync(token);
                        return (locked, await TransactionRows.ReadAsync(reader, token));
                    },
                    cancellationToken);
                if (locked)
                {
                    return (new OrderChargeLock(db, orderId), transactions);
                }

                if (clock.GetUtcNow() >= deadline)
                {
                    await db.Database.CloseConnectionAsync();
                    return (null, transactions);
                }

                await Task.Delay(PollInterval, clock, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(ReleaseAllAsync(_db, [_orderId]));

    /// <summary>
    /// One attempt, no waiting, at the locks of several orders, with the transactions matching
    /// <paramref name="condition"/> read in the same round trip. The caller opened the context's connection, holds
    /// the locks it got on it and gives them back with <see cref="ReleaseAllAsync"/>.
    /// </summary>
    public static Task<(HashSet<Guid> Locked, List<PaymentTransaction> Transactions)> TryAcquireAllAsync(
        PaymentsDbContext db, Guid[] orderIds, string condition, (string Name, object? Value)[] parameters, CancellationToken cancellationToken) =>
        db.ReadBatchAsync(
            [
                SqlRows.Command(
                    "SELECT o FROM unnest(@order_ids) AS o WHERE pg_try_advisory_lock(hashtextextended(o::text, 0))", ("order_ids", orderIds)),
                TransactionRows.Read(condition, parameters),
            ],
            async (reader, token) =>
            {
                var locked = (await reader.ReadAllAsync(row => row.GetGuid(0), token)).ToHashSet();
                await reader.NextResultAsync(token);
                return (locked, await TransactionRows.ReadAsync(reader, token));
            },
            cancellationToken);

    /// <summary>
    /// Gives back the locks of <see cref="TryAcquireAllAsync"/>, or the one of a lock being disposed, and closes the
    /// connection. Null when the attempt failed and which locks it took is unknown; a connection that may still hold one
    /// is not pooled again.
    /// </summary>
    public static async Task ReleaseAllAsync(PaymentsDbContext db, IReadOnlyCollection<Guid>? orderIds)
    {
        try
        {
            if (orderIds is null)
            {
                NpgsqlConnection.ClearPool((NpgsqlConnection)db.Database.GetDbConnection());
            }
            else if (orderIds.Count > 0)
            {
                // Session locks outlive transactions and pooled connections are not reset, so they are released explicitly.
                await db.ExecuteBatchAsync(
                    [SqlRows.Command("SELECT pg_advisory_unlock(hashtextextended(o::text, 0)) FROM unnest(@order_ids) AS o", ("order_ids", orderIds.ToArray()))],
                    CancellationToken.None);
            }
        }
        catch
        {
            // The connection may still hold a lock: it must not serve another request, so it is closed, not pooled.
            NpgsqlConnection.ClearPool((NpgsqlConnection)db.Database.GetDbConnection());
            throw;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static NpgsqlBatchCommand LockCommand(string sql, Guid orderId) => SqlRows.Command(sql, ("order_key", orderId.ToString()));
}
