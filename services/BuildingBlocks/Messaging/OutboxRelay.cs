using Marketplace.BuildingBlocks.Persistence;
using Marketplace.BuildingBlocks.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>
/// Publishes the outbox table of a service's PostgreSQL database. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>,
/// so several instances never publish one row at once; a crash before a row is marked means it is published
/// again, and the subscriber's inbox absorbs the repeat. It speaks SQL on the context's connection rather than
/// querying through EF Core: a pass is three statements, and a service whose requests do not use EF Core's query
/// pipeline does not load it for the relay.
/// </summary>
public sealed class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    IEventTransport transport,
    OutboxSignal signal,
    MarketplaceRuntime runtime,
    IOptions<EventBusOptions> options,
    ILogger<OutboxRelay<TDbContext>> logger) : OutboxPublisher(transport, signal, runtime, options, logger)
    where TDbContext : DbContext
{
    private const string ClaimSql = """
        SELECT id, topic, payload, correlation_id, trace_parent, occurred_at, attempts FROM outbox_messages
        WHERE published_at IS NULL ORDER BY occurred_at LIMIT @batch_size FOR UPDATE SKIP LOCKED
        """;

    private const string MarkPublishedSql = "UPDATE outbox_messages SET published_at = @published_at, last_error = NULL WHERE id = ANY(@ids)";

    private const string RecordFailureSql = "UPDATE outbox_messages SET attempts = @attempts, last_error = @last_error WHERE id = @id";

    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    public override async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TDbContext>().Database;
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var batch = await ClaimAsync(connection, cancellationToken);
            var published = await PublishInOrderAsync(batch, cancellationToken);
            await RecordAsync(connection, batch, published, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return published;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    protected override async Task CleanupAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow < _nextCleanup)
        {
            return;
        }

        _nextCleanup = DateTimeOffset.UtcNow.AddHours(1);
        await using var scope = scopes.CreateAsyncScope();
        var cutoff = DateTimeOffset.UtcNow - Options.PublishedRetention;
        await scope.ServiceProvider.GetRequiredService<TDbContext>().Database
            .ExecuteSqlAsync($"DELETE FROM outbox_messages WHERE published_at < {cutoff}", cancellationToken);
    }

    private static async Task<List<OutboxMessage>> ClaimAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand(ClaimSql, connection) { Parameters = { new("batch_size", BatchSize) } };
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAllAsync(
            row => new OutboxMessage
            {
                Id = row.GetGuid(0),
                Topic = row.GetString(1),
                Payload = row.GetString(2),
                CorrelationId = row.GetNullableString(3),
                TraceParent = row.GetNullableString(4),
                OccurredAt = row.GetFieldValue<DateTimeOffset>(5),
                Attempts = row.GetInt32(6),
            },
            cancellationToken);
    }

    /// <summary>Marks the published messages, and records the failure of the one that ended the pass, if any.</summary>
    private static async Task RecordAsync(NpgsqlConnection connection, List<OutboxMessage> batch, int published, CancellationToken cancellationToken)
    {
        await using var record = new NpgsqlBatch(connection);
        if (published > 0)
        {
            record.BatchCommands.Add(SqlRows.Command(
                MarkPublishedSql, ("published_at", batch[published - 1].PublishedAt), ("ids", batch.Take(published).Select(message => message.Id).ToArray())));
        }

        if (published < batch.Count)
        {
            var failed = batch[published];
            record.BatchCommands.Add(SqlRows.Command(RecordFailureSql, ("attempts", failed.Attempts), ("last_error", failed.LastError), ("id", failed.Id)));
        }

        if (record.BatchCommands.Count > 0)
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
