namespace Marketplace.BuildingBlocks.Messaging;

public sealed class EventBusOptions
{
    public const string Section = "Marketplace:EventBus";

    /// <summary>Name of the Dapr pub/sub component (and the stream prefix in local mode).</summary>
    public string PubSubName { get; set; } = "pubsub";

    /// <summary>How often the outbox relay looks for unpublished events when nothing woke it.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The least time between two relay passes that published something. An event committed while the relay is idle
    /// goes out at once; under load the events of many commits share one pass (each pass costs a database
    /// transaction of three round trips) instead of one pass each.
    /// </summary>
    public TimeSpan OutboxPassSpacing { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a delivered but unacknowledged stream entry waits before it is delivered again.</summary>
    public TimeSpan RedeliveryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries of one entry before it moves to the dead-letter stream.</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>
    /// How often the Redis Streams consumer looks at its streams when no append was announced: a fallback for
    /// announcements missed while it reconnected, since each append wakes it at once.
    /// </summary>
    public TimeSpan ConsumerPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long published outbox rows are kept for inspection before they are deleted.</summary>
    public TimeSpan PublishedRetention { get; set; } = TimeSpan.FromDays(7);

    public static string StreamKey(string pubSubName, string topic) => $"{pubSubName}:{topic}";

    public static string DeadLetterKey(string pubSubName, string topic) => $"{pubSubName}:{topic}:deadletter";
}
