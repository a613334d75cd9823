namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>An event written in the same transaction as the state change it reports, published later by the relay.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public required string Topic { get; set; }
    public required string Payload { get; set; }
    public string? CorrelationId { get; set; }
    public string? TraceParent { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

/// <summary>An event a consumer has already handled; its key makes handlers idempotent.</summary>
public sealed class InboxMessage
{
    public Guid EventId { get; set; }
    public required string Consumer { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}
