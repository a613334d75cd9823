using System.Data.Common;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Products.Domain;
using Marketplace.Products.IntegrationEvents;
using Npgsql;
using NpgsqlTypes;

namespace Marketplace.Products.Storage.Postgres;

/// <summary>Binary COPY of many products and their ProductCreated outbox rows: thousands per second, for catalog loads.</summary>
internal static class JsonbBulkCopy
{
    public static async Task WriteAsync(DbConnection connection, IReadOnlyCollection<Product> products, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        await using (var documents = await npgsql.BeginBinaryImportAsync("COPY products (id, doc) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var product in products)
            {
                await documents.StartRowAsync(cancellationToken);
                await documents.WriteAsync(product.Id, NpgsqlDbType.Uuid, cancellationToken);
                await documents.WriteAsync(JsonbProduct.Serialize(product), NpgsqlDbType.Jsonb, cancellationToken);
            }

            await documents.CompleteAsync(cancellationToken);
        }

        await using var outbox = await npgsql.BeginBinaryImportAsync(
            "COPY outbox_messages (id, topic, payload, correlation_id, trace_parent, occurred_at, attempts) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var message in products.Select(product => OutboxMessage.For(ProductCreated.Of(product))))
        {
            await outbox.StartRowAsync(cancellationToken);
            await outbox.WriteAsync(message.Id, NpgsqlDbType.Uuid, cancellationToken);
            await outbox.WriteAsync(message.Topic, NpgsqlDbType.Varchar, cancellationToken);
            await outbox.WriteAsync(message.Payload, NpgsqlDbType.Jsonb, cancellationToken);
            await outbox.WriteAsync(message.CorrelationId, NpgsqlDbType.Varchar, cancellationToken);
            await outbox.WriteAsync(message.TraceParent, NpgsqlDbType.Varchar, cancellationToken);
            await outbox.WriteAsync(message.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await outbox.WriteAsync(message.Attempts, NpgsqlDbType.Integer, cancellationToken);
        }

        await outbox.CompleteAsync(cancellationToken);
    }
}
