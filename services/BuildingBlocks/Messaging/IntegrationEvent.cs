namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>
/// A fact one service tells the others. The id travels as the CloudEvent id and in the payload,
/// so a subscriber's inbox can recognise a redelivery.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Topic name: the event's type name, e.g. <c>UserRegistered</c>.</summary>
    public static string TopicOf<TEvent>() where TEvent : IntegrationEvent => typeof(TEvent).Name;
}
