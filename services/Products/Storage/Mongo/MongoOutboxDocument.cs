using Marketplace.BuildingBlocks.Messaging;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;

namespace Marketplace.Products.Storage.Mongo;

/// <summary>An <see cref="OutboxMessage"/> in the <c>outbox</c> collection, and the queries and indexes the relay uses.</summary>
internal sealed class MongoOutboxDocument
{
    public const string LeaseId = "relay";

    [BsonId, BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid Id { get; set; }

    [BsonElement("topic")] public string Topic { get; set; } = "";
    [BsonElement("payload")] public string Payload { get; set; } = "";
    [BsonElement("correlation_id"), BsonIgnoreIfNull] public string? CorrelationId { get; set; }
    [BsonElement("trace_parent"), BsonIgnoreIfNull] public string? TraceParent { get; set; }

    [BsonElement("occurred_at"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime OccurredAt { get; set; }

    [BsonElement("published_at"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime? PublishedAt { get; set; }

    [BsonElement("attempts")] public int Attempts { get; set; }
    [BsonElement("last_error"), BsonIgnoreIfNull] public string? LastError { get; set; }

    public static FilterDefinition<MongoOutboxDocument> Unpublished => Builders<MongoOutboxDocument>.Filter.Eq(d => d.PublishedAt, null);

    public static SortDefinition<MongoOutboxDocument> InOrder => Builders<MongoOutboxDocument>.Sort.Ascending(d => d.OccurredAt);

    /// <summary>Pending events in order; published ones expire (a TTL index ignores documents whose date is null).</summary>
    public static IReadOnlyList<CreateIndexModel<MongoOutboxDocument>> Indexes(TimeSpan retention) =>
    [
        new(Builders<MongoOutboxDocument>.IndexKeys.Ascending(d => d.PublishedAt).Ascending(d => d.OccurredAt),
            new CreateIndexOptions { Name = "ix_pending" }),
        new(Builders<MongoOutboxDocument>.IndexKeys.Ascending(d => d.PublishedAt),
            new CreateIndexOptions { Name = "ix_published_ttl", ExpireAfter = retention }),
    ];

    /// <summary>Matches the relay lease when <paramref name="holder"/> holds it or it has expired.</summary>
    public static FilterDefinition<BsonDocument> LeaseAvailableTo(string holder, DateTime now) =>
        Builders<BsonDocument>.Filter.And(
            Builders<BsonDocument>.Filter.Eq("_id", LeaseId),
            Builders<BsonDocument>.Filter.Or(
                Builders<BsonDocument>.Filter.Eq("holder", holder),
                Builders<BsonDocument>.Filter.Lt("expires_at", now)));

    public static UpdateDefinition<BsonDocument> TakeLease(string holder, DateTime expiresAt) =>
        Builders<BsonDocument>.Update.Set("holder", holder).Set("expires_at", expiresAt);

    public static MongoOutboxDocument From(OutboxMessage message) => new()
    {
        Id = message.Id,
        Topic = message.Topic,
        Payload = message.Payload,
        CorrelationId = message.CorrelationId,
        TraceParent = message.TraceParent,
        OccurredAt = message.OccurredAt.UtcDateTime,
        PublishedAt = message.PublishedAt?.UtcDateTime,
        Attempts = message.Attempts,
        LastError = message.LastError,
    };

    public OutboxMessage ToMessage() => new()
    {
        Id = Id,
        Topic = Topic,
        Payload = Payload,
        CorrelationId = CorrelationId,
        TraceParent = TraceParent,
        OccurredAt = new DateTimeOffset(DateTime.SpecifyKind(OccurredAt, DateTimeKind.Utc)),
        PublishedAt = PublishedAt is { } published ? new DateTimeOffset(DateTime.SpecifyKind(published, DateTimeKind.Utc)) : null,
        Attempts = Attempts,
        LastError = LastError,
    };
}
