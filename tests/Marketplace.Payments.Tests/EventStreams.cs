using System.Text.Json.Nodes;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Testing;

namespace Marketplace.Payments.Tests;

/// <summary>Reads and writes the Redis streams the services' events travel on in local mode.</summary>
public static class EventStreams
{
    /// <summary>The payload of the first event about the order on a topic's stream, waiting up to 10 s for it.</summary>
    public static async Task<JsonNode> WaitForAsync(RedisServer redis, string pubSubName, string topic, Guid orderId)
    {
        await using var connection = await redis.ConnectAsync();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (DateTimeOffset.UtcNow < deadline)
        {
            foreach (var entry in await connection.GetDatabase().StreamRangeAsync(EventBusOptions.StreamKey(pubSubName, topic)))
            {
                var data = JsonNode.Parse((string)entry[RedisStreamsEventTransport.EventField]!)?["data"];
                if (data?["orderId"] is { } id && (Guid)id == orderId)
                {
                    return data;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No {topic} event for order {orderId}.");
    }

    /// <summary>Publishes an event the way another service's outbox relay does.</summary>
    public static async Task PublishAsync<TEvent>(RedisServer redis, string pubSubName, TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        await using var connection = await redis.ConnectAsync();
        await TestEvents.PublishAsync(connection, pubSubName, "orders", integrationEvent);
    }
}
