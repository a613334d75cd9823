using StackExchange.Redis;

namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>
/// Local mode: each topic is a Redis stream; entries carry the CloudEvent JSON. Each append is also announced on the
/// pub/sub channel named like the stream, which wakes the consumers at once instead of at their next poll.
/// </summary>
public sealed class RedisStreamsEventTransport(IConnectionMultiplexer redis) : IEventTransport
{
    public const string EventField = "cloudevent";
    private const int MaxStreamLength = 100_000;

    public async Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        var streamKey = EventBusOptions.StreamKey(cloudEvent.PubSubName, cloudEvent.Topic);
        await redis.GetDatabase().StreamAddAsync(streamKey, EventField, cloudEvent.ToJson(), maxLength: MaxStreamLength, useApproximateMaxLength: true);
        // Only a hint: a consumer that misses it (reconnecting, say) still finds the entry at its next poll.
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(streamKey), RedisValue.EmptyString, CommandFlags.FireAndForget);
    }
}
