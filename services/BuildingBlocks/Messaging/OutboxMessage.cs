using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>An event written in the same transaction as the state change it reports, published later by the relay.</summary>
public sealed class OutboxMessage
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public Guid Id { get; set; }
    public required string Topic { get; set; }
    public required string Payload { get; set; }
    public string? CorrelationId { get; set; }
    public string? TraceParent { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>The outbox row of an event, with the current correlation id and trace.</summary>
    public static OutboxMessage For<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent => new()
    {
        Id = integrationEvent.Id,
        Topic = IntegrationEvent.TopicOf<TEvent>(),
        Payload = JsonSerializer.Serialize(integrationEvent, PayloadJson),
        CorrelationId = Observability.CorrelationId.Current,
        TraceParent = Activity.Current?.Id,
        OccurredAt = integrationEvent.OccurredAt,
    };

    public CloudEvent ToCloudEvent(string source, string pubSubName) => new()
    {
        Id = Id.ToString(),
        Source = source,
        Type = Topic,
        Topic = Topic,
        PubSubName = pubSubName,
        Time = OccurredAt,
        CorrelationId = CorrelationId,
        TraceParent = TraceParent,
        Data = JsonNode.Parse(Payload)!,
    };
}

/// <summary>An event a consumer has already handled; its key makes handlers idempotent.</summary>
public sealed class InboxMessage
{
    public Guid EventId { get; set; }
    public required string Consumer { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}
