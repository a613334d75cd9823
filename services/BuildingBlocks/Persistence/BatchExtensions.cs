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
    public static Task<T> ReadBatchAsync<T>(
        this DbContext db, IEnumerable<NpgsqlBatchCommand> commands, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        db.RunBatchAsync(
            commands,
            async batch =>
            {
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                return await read(reader, cancellationToken);
            },
            cancellationToken);

    /// <summary>
    /// One page of a list with the list's size, in one round trip: <paramref name="countThenPage"/> is a count
    /// statement followed by the page's query, whose rows <paramref name="readPage"/> reads.
    /// </summary>
    public static Task<(long Total, List<T> Items)> ReadPageAsync<T>(
        this DbContext db, IEnumerable<NpgsqlBatchCommand> countThenPage, Func<NpgsqlDataReader, CancellationToken, Task<List<T>>> readPage,
        CancellationToken cancellationToken) =>
        db.ReadBatchAsync(
            countThenPage,
            async (reader, token) =>
            {
                await reader.ReadAsync(token);
                var total = reader.GetInt64(0);
                await reader.NextResultAsync(token);
                return (total, await readPage(reader, token));
            },
            cancellationToken);

    /// <summary>Runs statements that return no rows; each command's <c>RecordsAffected</c> tells what it changed.</summary>
    public static Task ExecuteBatchAsync(this DbContext db, IEnumerable<NpgsqlBatchCommand> commands, CancellationToken cancellationToken) =>
        db.RunBatchAsync(commands, batch => batch.ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    private static async Task<T> RunBatchAsync<T>(
        this DbContext db, IEnumerable<NpgsqlBatchCommand> commands, Func<NpgsqlBatch, Task<T>> run, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch(
                (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            foreach (var command in commands)
            {
                batch.BatchCommands.Add(command);
            }

            return await run(batch);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
