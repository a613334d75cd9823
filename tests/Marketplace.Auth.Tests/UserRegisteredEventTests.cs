using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing;
using StackExchange.Redis;

namespace Marketplace.Auth.Tests;

public sealed class UserRegisteredEventTests(AuthServiceFixture fixture) : IClassFixture<AuthServiceFixture>
{
    [Fact]
    public async Task Registering_publishes_one_UserRegistered_CloudEvent_through_the_outbox()
    {
        using var client = fixture.CreateClient();
        var email = $"event-{Guid.NewGuid():N}@example.com";
        var registered = await client.PostAsJsonAsync("/api/auth/register", new { name = "Eve", email, password = "secret1", role = "vendor" });
        var userId = (string)(await registered.ReadJsonAsync())["data"]!["id"]!;

        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.RedisConnectionString);
        var stream = $"{fixture.PubSubName}:UserRegistered";
        JsonNode? match = null;
        for (var attempt = 0; attempt < 50 && match is null; attempt++)
        {
            var entries = await redis.GetDatabase().StreamRangeAsync(stream);
            match = entries.Select(entry => JsonNode.Parse(entry["cloudevent"].ToString())!)
                .SingleOrDefault(cloudEvent => (string?)cloudEvent["data"]!["userId"] == userId);
            if (match is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(match);
        Assert.Equal("1.0", (string)match["specversion"]!);
        Assert.Equal("UserRegistered", (string)match["type"]!);
        Assert.Equal("auth", (string)match["source"]!);
        Assert.Equal((string)match["id"]!, (string)match["data"]!["id"]!);
        Assert.Equal(email, (string)match["data"]!["email"]!);
        Assert.Equal("vendor", (string)match["data"]!["role"]!);
        Assert.DoesNotContain("password", match.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }
}
