using System.Text.Json.Nodes;
using StackExchange.Redis;

namespace Marketplace.Products.Tests;

/// <summary>Reads the CloudEvents the service published to its Redis streams (local mode's broker).</summary>
public static class EventStream
{
    /// <summary>The CloudEvents of <paramref name="topic"/> whose data has this product id, once at least <paramref name="expected"/> arrived (or after 5 s).</summary>
    public static async Task<IReadOnlyList<JsonNode>> ForProductAsync(ProductsServiceFixture fixture, string topic, string productId, int expected = 1)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.RedisConnectionString);
        var stream = $"{fixture.PubSubName}:{topic}";
        List<JsonNode> matches = [];
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var entries = await redis.GetDatabase().StreamRangeAsync(stream);
            matches = entries.Select(entry => JsonNode.Parse(entry["cloudevent"].ToString())!)
                .Where(cloudEvent => (string?)cloudEvent["data"]!["productId"] == productId)
                .ToList();
            if (matches.Count >= expected)
            {
                break;
            }

            await Task.Delay(100);
        }

        return matches;
    }
}
