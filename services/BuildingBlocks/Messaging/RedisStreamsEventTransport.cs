using StackExchange.Redis;

namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>Local mode: each topic is a Redis stream; entries carry the CloudEvent JSON.</summary>
public sealed class RedisStreamsEventTransport(IConnectionMultiplexer redis) : IEventTransport
{
    public const string EventField = "cloudevent";
    private const int MaxStreamLength = 100_000;

    public async Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        await redis.GetDatabase().StreamAddAsync(
            EventBusOptions.StreamKey(cloudEvent.PubSubName, cloudEvent.Topic),
            EventField,
            cloudEvent.ToJson(),
            maxLength: MaxStreamLength,
            useApproximateMaxLength: true);
    }
}
