using System.Diagnostics;
using Marketplace.Bench.LoadGenerator.Setup;
using Npgsql;

namespace Marketplace.Bench.LoadGenerator.Checks;

/// <summary>
/// After the load: no unit sold twice or lost (each product's stock reconciles, and the units sold are exactly those of
/// the confirmed orders), no order charged twice, every confirmed order paid, and nothing left half-done.
/// </summary>
public sealed class Invariants(string connectionString, BenchState state)
{
    private static readonly string[] SoldStatuses = ["Confirmed", "Shipped", "Delivered"];

    public async Task<IReadOnlyList<InvariantCheck>> CheckAsync(TimeSpan settleTimeout)
    {
        var checks = new List<InvariantCheck> { await SettledAsync(settleTimeout) };
        var sold = await SoldUnitsAsync();
        checks.Add(await StockReconcilesAsync(sold));
        checks.Add(await SoldMatchesOrdersAsync(sold));
        checks.Add(await ChargedOnceAsync());
        return checks;
    }

    /// <summary>Every checkout ended: no saga unfinished, no order Pending, no reservation held, no charge Pending.</summary>
    private async Task<InvariantCheck> SettledAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var sagas = await ScalarAsync("checkout_service", "select count(*) from checkouts");
            var unfinished = await ScalarAsync("checkout_service", "select count(*) from checkouts where status <> 'Completed'");
            var pendingOrders = await ScalarAsync("order_service", "select count(*) from orders where status = 'Pending'");
            var heldReservations = await ScalarAsync("inventory_service", "select count(*) from reservations where status = 'Reserved'");
            var pendingCharges = await ScalarAsync("payment_service", "select count(*) from transactions where status = 'Pending'");
            var open = unfinished + pendingOrders + heldReservations + pendingCharges;
            var detail = $"{sagas} checkouts, {unfinished} unfinished; {pendingOrders} orders Pending, {heldReservations} reservations held, {pendingCharges} charges Pending ({clock.Elapsed.TotalSeconds:0} s after the load)";
            if (open == 0 || clock.Elapsed > timeout)
            {
                return new InvariantCheck("every checkout terminal", open == 0, detail);
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private async Task<Dictionary<Guid, long>> SoldUnitsAsync()
    {
        var sold = new Dictionary<Guid, long>();
        await ReadAsync("inventory_service", """
            select ri.product_id, sum(ri.quantity) from reservation_items ri
            join reservations r on r.id = ri.reservation_id where r.status = 'Committed' group by ri.product_id
            """, row => sold[row.GetGuid(0)] = row.GetInt64(1));
        return sold;
    }

    /// <summary>No oversell: for every product stocked by the benchmark, added = available + held + sold, none negative.</summary>
    private async Task<InvariantCheck> StockReconcilesAsync(Dictionary<Guid, long> sold)
    {
        var mismatched = new List<string>();
        var soldOut = 0;
        await ReadAsync("inventory_service", "select product_id, quantity, reserved from inventories", row =>
        {
            var productId = row.GetGuid(0);
            if (!state.StockAdded.TryGetValue(productId, out var added))
            {
                return;
            }

            var (available, held, units) = (row.GetInt32(1), row.GetInt32(2), sold.GetValueOrDefault(productId));
            soldOut += available == 0 ? 1 : 0;
            if (available < 0 || held < 0 || available + held + units != added)
            {
                mismatched.Add($"{productId}: added {added}, available {available}, held {held}, sold {units}");
            }
        });
        return new InvariantCheck(
            "no oversell (stock reconciles)", mismatched.Count == 0,
            mismatched.Count == 0
                ? $"{state.StockAdded.Count} products reconcile; {sold.Values.Sum()} units sold; {soldOut} sold out"
                : $"{mismatched.Count} products do not reconcile, e.g. {string.Join("; ", mismatched.Take(3))}");
    }

    /// <summary>The units inventory sold are exactly the units of the confirmed orders.</summary>
    private async Task<InvariantCheck> SoldMatchesOrdersAsync(Dictionary<Guid, long> sold)
    {
        var ordered = new Dictionary<Guid, long>();
        await ReadAsync("order_service", """
            select oi.product_id, sum(oi.quantity) from order_items oi join orders o on o.id = oi.order_id
            where o.status = any(@statuses) group by oi.product_id
            """, row => ordered[row.GetGuid(0)] = row.GetInt64(1), ("statuses", SoldStatuses));
        var differing = sold.Keys.Union(ordered.Keys).Where(id => sold.GetValueOrDefault(id) != ordered.GetValueOrDefault(id)).ToList();
        return new InvariantCheck(
            "units sold = units in confirmed orders", differing.Count == 0,
            $"{ordered.Values.Sum()} units in confirmed orders, {sold.Values.Sum()} sold by inventory, {differing.Count} products differ");
    }

    /// <summary>No double charge: at most one Completed payment per order, and every confirmed order has one.</summary>
    private async Task<InvariantCheck> ChargedOnceAsync()
    {
        var charges = new Dictionary<Guid, long>();
        await ReadAsync("payment_service", "select order_id, count(*) from transactions where status = 'Completed' group by order_id",
            row => charges[row.GetGuid(0)] = row.GetInt64(1));
        var confirmed = new HashSet<Guid>();
        await ReadAsync("order_service", "select id from orders where status = any(@statuses)", row => confirmed.Add(row.GetGuid(0)), ("statuses", SoldStatuses));
        var doubled = charges.Count(c => c.Value > 1);
        var unpaid = confirmed.Count(id => !charges.ContainsKey(id));
        var paidNotConfirmed = charges.Keys.Count(id => !confirmed.Contains(id));
        return new InvariantCheck(
            "no double charge", doubled == 0 && unpaid == 0 && paidNotConfirmed == 0,
            $"{confirmed.Count} confirmed orders, {charges.Count} orders with a Completed payment; {doubled} charged twice, {unpaid} confirmed but unpaid, {paidNotConfirmed} paid but not confirmed");
    }

    private async Task<long> ScalarAsync(string database, string sql)
    {
        long value = 0;
        await ReadAsync(database, sql, row => value = row.GetInt64(0));
        return value;
    }

    private async Task ReadAsync(string database, string sql, Action<NpgsqlDataReader> row, params (string Name, object Value)[] parameters)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            row(reader);
        }
    }
}
