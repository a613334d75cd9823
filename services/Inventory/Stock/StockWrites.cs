using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Inventory.Domain;
using Marketplace.Inventory.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Marketplace.Inventory.Stock;

/// <summary>The statements of one stock change, collected while it is decided and sent together before the commit.</summary>
public sealed class StockWrites
{
    private readonly List<NpgsqlBatchCommand> _commands = [];
    private readonly SortedDictionary<Guid, InventoryItem> _stock = [];
    private bool _storesEvents;

    /// <summary>
    /// Saves the item as it stands at the commit, with the alerts its change raised, if any; an item changed by several
    /// reservations of one batch is saved once, and the alerts see its final state.
    /// </summary>
    public void SaveStock(InventoryItem item) => _stock[item.ProductId] = item;

    public void Add(NpgsqlBatchCommand command) => _commands.Add(command);

    /// <summary>Sends the writes, commits, and wakes the outbox relay when an alert was stored.</summary>
    public async Task CommitAsync(InventoryDbContext db, IDbContextTransaction transaction, OutboxSignal signal, CancellationToken cancellationToken)
    {
        foreach (var item in _stock.Values)
        {
            // The alert decisions update the item's flags, which the save then carries.
            var alerts = StockAlerts.AfterStockChange(item).Select(alert => Outbox.InsertCommand(alert)).ToList();
            _commands.Add(InventoryRows.SaveStock(item));
            _commands.AddRange(alerts);
            _storesEvents |= alerts.Count > 0;
        }

        if (_commands.Count > 0)
        {
            await db.ExecuteBatchAsync(_commands, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (_storesEvents)
        {
            signal.Notify();
        }
    }
}
