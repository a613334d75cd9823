using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>
/// Statements sent as one batch (one round trip) on a context's connection, inside its current transaction if it has
/// one: for a service's hot paths, which need neither EF Core's query pipeline nor its change tracking.
/// </summary>
public static class BatchExtensions
{
    public static async Task<T> ReadBatchAsync<T>(
        this DbContext db, IEnumerable<NpgsqlBatchCommand> commands, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = Batch(db, commands);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            return await read(reader, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs statements that return no rows; each command's <c>RecordsAffected</c> tells what it changed.</summary>
    public static async Task ExecuteBatchAsync(this DbContext db, IEnumerable<NpgsqlBatchCommand> commands, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = Batch(db, commands);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static NpgsqlBatch Batch(DbContext db, IEnumerable<NpgsqlBatchCommand> commands)
    {
        var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }
}
