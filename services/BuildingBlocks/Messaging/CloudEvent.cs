using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>The CloudEvents 1.0 envelope events travel in, in both runtime modes.</summary>
public sealed record CloudEvent
{
    public const string ContentType = "application/cloudevents+json";

    [JsonPropertyName("specversion")] public string SpecVersion { get; init; } = "1.0";
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("topic")] public required string Topic { get; init; }
    [JsonPropertyName("pubsubname")] public required string PubSubName { get; init; }
    [JsonPropertyName("time")] public DateTimeOffset Time { get; init; }
    [JsonPropertyName("datacontenttype")] public string DataContentType { get; init; } = "application/json";
    [JsonPropertyName("correlationid"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CorrelationId { get; init; }
    [JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TraceParent { get; init; }
    [JsonPropertyName("data")] public required JsonNode Data { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static CloudEvent? Parse(string json) => JsonSerializer.Deserialize<CloudEvent>(json);
}
