using System.Text.Json.Nodes;
using Npgsql;
using StackExchange.Redis;

namespace Marketplace.Orders.Tests;

/// <summary>What the order service published: the Redis stream of a topic, and the outbox rows it was written from.</summary>
public static class Events
{
    /// <summary>Waits until the topic's stream holds an event about <paramref name="orderId"/>; returns its CloudEvent.</summary>
    public static async Task<JsonNode> PublishedAsync(this OrdersFixture fixture, string topic, Guid orderId)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.RedisConnectionString);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var entries = await redis.GetDatabase().StreamRangeAsync($"{fixture.PubSubName}:{topic}");
            var match = entries.Select(entry => JsonNode.Parse(entry["cloudevent"].ToString())!)
                .FirstOrDefault(cloudEvent => (string?)cloudEvent["data"]!["orderId"] == orderId.ToString());
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"No {topic} event for order {orderId} was published.");
    }

    /// <summary>How many events of a topic about the order were written: each state change writes exactly one.</summary>
    public static async Task<long> WrittenAsync(this OrdersFixture fixture, string topic, Guid orderId)
    {
        await using var connection = new NpgsqlConnection(fixture.OrdersDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM outbox_messages WHERE topic = @topic AND payload->>'orderId' = @orderId", connection);
        command.Parameters.AddWithValue("topic", topic);
        command.Parameters.AddWithValue("orderId", orderId.ToString());
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
