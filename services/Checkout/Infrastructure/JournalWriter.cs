using Npgsql;

namespace Marketplace.Checkout.Infrastructure;

/// <summary>
/// Group commit for the saga journal (<see cref="GroupedCalls{TItem, TResult}"/>): the writes of concurrent checkouts
/// go to PostgreSQL together, one round trip and one transaction for all of them, instead of a round trip and a
/// commit each. Every caller learns how many rows its own statement changed, once its batch committed.
/// </summary>
public sealed class JournalWriter(string connectionString, ILogger<JournalWriter> logger)
    : GroupedCalls<JournalWriter.JournalWrite, int>(MaxBatchSize)
{
    private const int MaxBatchSize = 64;

    /// <summary>Runs one statement of a saga's journal in the next batch; the rows it changed.</summary>
    public Task<int> ExecuteAsync(Guid sagaId, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        CallAsync(new JournalWrite(sagaId, sql, parameters), cancellationToken);

    protected override Task SendAsync(IReadOnlyList<Call> batch) =>
        // Row locks are taken in saga id order, as the lease heartbeat takes them, so batches never deadlock.
        ExecuteOrFailAsync(batch.OrderBy(write => write.Item.SagaId).ToList());

    /// <summary>Runs the writes as one batch; each caller gets its result, or the failure.</summary>
    private async Task ExecuteOrFailAsync(List<Call> writes)
    {
        try
        {
            await ExecuteAsync(writes);
        }
        catch (PostgresException exception) when (writes.Count > 1)
        {
            // One statement failed and took the batch's transaction with it: each goes again on its own, so only the
            // failing write fails.
            logger.LogWarning("A journal batch of {Count} writes failed ({Error}); writing them one by one", writes.Count, exception.MessageText);
            foreach (var write in writes)
            {
                await ExecuteOrFailAsync([write]);
            }
        }
        catch (Exception exception)
        {
            writes.ForEach(write => write.Done.TrySetException(exception));
        }
    }

    /// <summary>The writes as one batch, which PostgreSQL runs as one implicit transaction.</summary>
    private async Task ExecuteAsync(List<Call> writes)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var write in writes)
        {
            var command = new NpgsqlBatchCommand(write.Item.Sql);
            // Copies: a parameter belongs to one command, and a write may go twice (in a batch, then alone).
            command.Parameters.AddRange(write.Item.Parameters.Select(parameter => parameter.Clone()).ToArray());
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
        for (var index = 0; index < writes.Count; index++)
        {
            writes[index].Done.TrySetResult(batch.BatchCommands[index].RecordsAffected);
        }
    }

    public sealed record JournalWrite(Guid SagaId, string Sql, NpgsqlParameter[] Parameters);
}
