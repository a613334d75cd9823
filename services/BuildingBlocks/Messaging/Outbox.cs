using Marketplace.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Marketplace.BuildingBlocks.Messaging;

public static class Outbox
{
    /// <summary>The name a data-modifying <c>WITH</c> query passed to <see cref="InsertCommand"/> must have.</summary>
    public const string ChangedRows = "changed";

    private const string Columns = "id, topic, payload, correlation_id, trace_parent, occurred_at, attempts";
    private const string Values = "@outbox_id, @outbox_topic, @outbox_payload, @outbox_correlation_id, @outbox_trace_parent, @outbox_occurred_at, 0";

    /// <summary>Queues an event in the outbox; it is stored by the same SaveChanges/transaction as the state change.</summary>
    public static void AddEvent<TEvent>(this DbContext db, TEvent integrationEvent)
        where TEvent : IntegrationEvent =>
        db.Set<OutboxMessage>().Add(OutboxMessage.For(integrationEvent));

    /// <summary>
    /// The outbox row as a command, for a writer that stores it with its own statements (the caller wakes the relay
    /// once they commit). With <paramref name="onlyAfter"/>, a <c>WITH changed AS (...)</c> query, the row is stored
    /// only when that query returned a row: a state change and its event in one statement.
    /// </summary>
    public static NpgsqlBatchCommand InsertCommand(OutboxMessage message, string? onlyAfter = null) =>
        SqlRows.Command(
                onlyAfter is null
                    ? $"INSERT INTO outbox_messages ({Columns}) VALUES ({Values})"
                    : $"{onlyAfter} INSERT INTO outbox_messages ({Columns}) SELECT {Values} FROM {ChangedRows}",
                new NpgsqlParameter("outbox_payload", NpgsqlDbType.Jsonb) { Value = message.Payload })
            .WithParameters(
                ("outbox_id", message.Id), ("outbox_topic", message.Topic), ("outbox_correlation_id", message.CorrelationId),
                ("outbox_trace_parent", message.TraceParent), ("outbox_occurred_at", message.OccurredAt));
}
