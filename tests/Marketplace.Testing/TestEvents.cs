using System.Text.Json;
using Marketplace.BuildingBlocks.Messaging;
using StackExchange.Redis;

namespace Marketplace.Testing;

/// <summary>Events sent to a service under test the way another service's outbox relay sends them in local mode.</summary>
public static class TestEvents
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>Publishes the event on its topic's Redis stream, as a CloudEvent from <paramref name="source"/>.</summary>
    public static Task PublishAsync<TEvent>(IConnectionMultiplexer redis, string pubSubName, string source, TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        var topic = IntegrationEvent.TopicOf<TEvent>();
        return new RedisStreamsEventTransport(redis).PublishAsync(
            new CloudEvent
            {
                Id = integrationEvent.Id.ToString(),
                Source = source,
                Type = topic,
                Topic = topic,
                PubSubName = pubSubName,
                Time = integrationEvent.OccurredAt,
                Data = JsonSerializer.SerializeToNode(integrationEvent, PayloadJson)!,
            },
            CancellationToken.None);
    }
}
