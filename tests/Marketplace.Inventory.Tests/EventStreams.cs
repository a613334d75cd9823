using System.Text.Json.Nodes;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Testing;
using StackExchange.Redis;

namespace Marketplace.Inventory.Tests;

/// <summary>Reads and writes the Redis streams events travel on in local mode (<c>&lt;pubsubname&gt;:&lt;Topic&gt;</c>).</summary>
public sealed class EventStreams(IConnectionMultiplexer redis, string pubSubName)
{
    /// <summary>The <c>data</c> of every event on a topic so far.</summary>
    public async Task<List<JsonNode>> ReadAsync(string topic)
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(EventBusOptions.StreamKey(pubSubName, topic));
        return entries.Select(entry => CloudEvent.Parse((string)entry[RedisStreamsEventTransport.EventField]!)!.Data).ToList();
    }

    /// <summary>Waits until events on a topic match; returns them (fewer than asked when they did not arrive in time).</summary>
    public async Task<List<JsonNode>> WaitForAsync(string topic, Func<JsonNode, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var matching = (await ReadAsync(topic)).Where(match).ToList();
            if (matching.Count >= count || DateTime.UtcNow > deadline)
            {
                return matching;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Publishes an event as another service's outbox relay would.</summary>
    public Task PublishAsync<TEvent>(TEvent integrationEvent, string source)
        where TEvent : IntegrationEvent =>
        TestEvents.PublishAsync(redis, pubSubName, source, integrationEvent);
}
