using System.Text.Json.Nodes;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Testing;
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

    /// <summary>Publishes one of inventory's events to the order service under test.</summary>
    public static async Task PublishFromInventoryAsync<TEvent>(this OrdersFixture fixture, TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.RedisConnectionString);
        await TestEvents.PublishAsync(redis, fixture.PubSubName, "inventory", integrationEvent);
    }

    /// <summary>Waits until the order service's view says the product is sold out, or not, as inventory last announced.</summary>
    public static async Task SoldOutEventuallyAsync(this OrdersFixture fixture, Guid productId, bool soldOut)
    {
        await using var connection = new NpgsqlConnection(fixture.OrdersDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT sold_out FROM product_availability WHERE product_id = @product_id", connection);
        command.Parameters.AddWithValue("product_id", productId);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await command.ExecuteScalarAsync() is bool current && current == soldOut)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"The order service never recorded product {productId} as {(soldOut ? "sold out" : "in stock")}.");
    }
}
