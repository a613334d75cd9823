using Marketplace.BuildingBlocks.Messaging;
using StackExchange.Redis;

namespace Marketplace.Testing;

/// <summary>Events sent to a service under test the way another service's outbox relay sends them in local mode.</summary>
public static class TestEvents
{
    /// <summary>Publishes the event on its topic's Redis stream, as the CloudEvent <paramref name="source"/>'s relay would make of it.</summary>
    public static Task PublishAsync<TEvent>(IConnectionMultiplexer redis, string pubSubName, string source, TEvent integrationEvent)
        where TEvent : IntegrationEvent =>
        new RedisStreamsEventTransport(redis).PublishAsync(OutboxMessage.For(integrationEvent).ToCloudEvent(source, pubSubName), CancellationToken.None);
}
