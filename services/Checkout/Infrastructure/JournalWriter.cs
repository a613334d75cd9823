using System.Threading.Channels;
using Npgsql;

namespace Marketplace.Checkout.Infrastructure;

/// <summary>
/// Group commit for the saga journal. Writes that arrive while a batch is at the database go together in the next
/// one: one round trip and one transaction for all of them, so concurrent checkouts share their journal writes
/// instead of paying a round trip and a commit each. A write arriving while the writer is idle goes at once, so a lone
/// checkout waits for nothing. Every caller learns how many rows its own statement changed, once its batch committed.
/// </summary>
public sealed class JournalWriter : IAsyncDisposable
{
    private const int MaxBatchSize = 64;
    private readonly string _connectionString;
    private readonly ILogger<JournalWriter> _logger;
    private readonly Channel<JournalWrite> _queue = Channel.CreateUnbounded<JournalWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writing;

    public JournalWriter(string connectionString, ILogger<JournalWriter> logger)
    {
        _connectionString = connectionString;
        _logger = logger;
        _writing = Task.Run(WriteBatchesAsync);
    }

    /// <summary>Runs one statement of a saga's journal in the next batch; the rows it changed.</summary>
    public Task<int> ExecuteAsync(Guid sagaId, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        var write = new JournalWrite(sagaId, sql, parameters);
        return _queue.Writer.TryWrite(write)
            ? write.Done.Task.WaitAsync(cancellationToken)
            : Task.FromException<int>(new ObjectDisposedException(nameof(JournalWriter)));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writing;
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<JournalWrite>(MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            // Row locks are taken in saga id order, as the lease heartbeat takes them, so batches never deadlock.
            batch.Sort((left, right) => left.SagaId.CompareTo(right.SagaId));
            await ExecuteOrFailAsync(batch);
            batch.Clear();
        }
    }

    /// <summary>Runs the writes as one batch; each caller gets its result, or the failure.</summary>
    private async Task ExecuteOrFailAsync(List<JournalWrite> writes)
    {
        try
        {
            await ExecuteAsync(writes);
        }
        catch (PostgresException exception) when (writes.Count > 1)
        {
            // One statement failed and took the batch's transaction with it: each goes again on its own, so only the
            // failing write fails.
            _logger.LogWarning("A journal batch of {Count} writes failed ({Error}); writing them one by one", writes.Count, exception.MessageText);
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
    private async Task ExecuteAsync(List<JournalWrite> writes)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var write in writes)
        {
            var command = new NpgsqlBatchCommand(write.Sql);
            // Copies: a parameter belongs to one command, and a write may go twice (in a batch, then alone).
            command.Parameters.AddRange(write.Parameters.Select(parameter => parameter.Clone()).ToArray());
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
        for (var index = 0; index < writes.Count; index++)
        {
            writes[index].Done.TrySetResult(batch.BatchCommands[index].RecordsAffected);
        }
    }

    private sealed record JournalWrite(Guid SagaId, string Sql, NpgsqlParameter[] Parameters)
    {
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
