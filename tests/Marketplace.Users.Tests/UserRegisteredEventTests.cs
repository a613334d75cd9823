using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Testing;
using StackExchange.Redis;

namespace Marketplace.Users.Tests;

public sealed class UserRegisteredEventTests(UsersWithAuthFixture fixture) : IClassFixture<UsersWithAuthFixture>
{
    private const string InboxCountSql = "SELECT count(*) FROM inbox_messages WHERE event_id = $1";

    [Fact]
    public async Task Registering_with_auth_creates_the_profile_and_a_replayed_event_creates_nothing_twice()
    {
        using var auth = fixture.CreateAuthClient();
        var email = $"profile-{Guid.NewGuid():N}@example.com";
        var registered = await auth.PostAsJsonAsync("/api/auth/register", new { name = "Pat", email, password = "secret1" });
        var userId = Guid.Parse((string)(await registered.ReadJsonAsync())["data"]!["id"]!);

        var created = await WaitForProfileAsync(userId);
        var login = await (await auth.PostAsJsonAsync("/api/auth/login", new { email, password = "secret1" })).ReadJsonAsync();
        using var user = fixture.CreateClient().WithBearer((string)login["token"]!);
        (await user.PutAsJsonAsync("/api/users/profile", new { phone = "+14155550123" })).EnsureSuccessStatusCode();

        var original = (await fixture.Redis.GetDatabase().StreamRangeAsync(fixture.UserRegisteredStream))
            .Single(entry => (string?)JsonNode.Parse(entry["cloudevent"].ToString())!["data"]!["userId"] == userId.ToString());
        var eventId = Guid.Parse((string)JsonNode.Parse(original["cloudevent"].ToString())!["id"]!);
        var replay = await fixture.Redis.GetDatabase().StreamAddAsync(fixture.UserRegisteredStream, RedisStreamsEventTransport.EventField, original[RedisStreamsEventTransport.EventField]);
        await fixture.WaitUntilConsumedAsync(replay);

        Assert.Equal(1, await fixture.ProfileCountAsync(userId));
        Assert.Equal(1, await fixture.CountAsync(InboxCountSql, eventId));
        var profile = (await (await user.GetAsync("/api/users/profile")).ReadJsonAsync())["data"]!;
        Assert.Equal((string)created["id"]!, (string)profile["id"]!);
        Assert.Equal("+14155550123", (string)profile["phone"]!);
    }

    [Fact]
    public async Task An_event_arriving_after_the_lazy_creation_keeps_the_existing_profile()
    {
        var (userId, client) = fixture.NewUser();
        var lazy = (await (await client.GetAsync("/api/users/profile")).ReadJsonAsync())["data"]!;
        (await client.PostAsJsonAsync("/api/users/address", AddressBodies.Home(isDefault: true))).EnsureSuccessStatusCode();

        var eventId = Guid.NewGuid();
        await fixture.WaitUntilConsumedAsync(await PublishAsync(UserRegisteredEvent(eventId, userId)));

        Assert.Equal(1, await fixture.ProfileCountAsync(userId));
        Assert.Equal(1, await fixture.CountAsync(InboxCountSql, eventId));
        var profile = (await (await client.GetAsync("/api/users/profile")).ReadJsonAsync())["data"]!;
        Assert.Equal((string)lazy["id"]!, (string)profile["id"]!);
        Assert.Single(profile["addresses"]!.AsArray());
    }

    [Fact]
    public async Task Concurrent_lazy_creations_and_the_event_end_with_exactly_one_profile()
    {
        var (userId, client) = fixture.NewUser();

        var published = PublishAsync(UserRegisteredEvent(Guid.NewGuid(), userId));
        var ids = await UsersServiceFixture.ReadProfileIdsConcurrentlyAsync(client, 6);
        await fixture.WaitUntilConsumedAsync(await published);

        Assert.Single(ids.Distinct());
        Assert.Equal(1, await fixture.ProfileCountAsync(userId));
    }

    [Fact]
    public async Task An_event_without_a_user_id_is_dead_lettered_and_creates_nothing()
    {
        var eventId = Guid.NewGuid();
        var data = new JsonObject { ["id"] = eventId.ToString(), ["name"] = "Nobody", ["email"] = "nobody@example.com", ["role"] = "customer" };

        await fixture.WaitUntilConsumedAsync(await PublishAsync(CloudEventFor(eventId, data)));

        var deadLetters = await fixture.Redis.GetDatabase().StreamRangeAsync(fixture.UserRegisteredStream + ":deadletter");
        Assert.Contains(deadLetters, entry => entry["cloudevent"].ToString().Contains(eventId.ToString(), StringComparison.Ordinal));
        Assert.Equal(0, await fixture.CountAsync(InboxCountSql, eventId));
    }

    [Fact]
    public async Task The_subscription_route_accepts_only_the_service_credential()
    {
        var userId = Guid.NewGuid();
        var payload = new { id = Guid.NewGuid(), occurredAt = DateTimeOffset.UtcNow, userId, name = "Max", email = "max@example.com", role = "customer" };
        using var admin = fixture.CreateClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), Roles.Admin));
        using var service = fixture.CreateClient().WithInternalToken();

        var rejected = await admin.PostAsJsonAsync("/events/UserRegistered", payload);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal(0, await fixture.ProfileCountAsync(userId));

        var accepted = await service.PostAsJsonAsync("/events/UserRegistered", payload);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("SUCCESS", (string)(await accepted.ReadJsonAsync())["status"]!);
        Assert.Equal(1, await fixture.ProfileCountAsync(userId));
    }

    private async Task<JsonNode> WaitForProfileAsync(Guid userId)
    {
        using var admin = fixture.CreateClient().WithBearer(TestJwt.TokenFor(Guid.NewGuid(), Roles.Admin));
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var response = await admin.GetAsync($"/api/users/{userId}/profile");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (await response.ReadJsonAsync())["data"]!;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No profile was created for {userId}.");
    }

    /// <summary>What auth's outbox relay publishes: the CloudEvent JSON in the stream entry's <c>cloudevent</c> field.</summary>
    private async Task<RedisValue> PublishAsync(CloudEvent cloudEvent) =>
        await fixture.Redis.GetDatabase().StreamAddAsync(fixture.UserRegisteredStream, RedisStreamsEventTransport.EventField, cloudEvent.ToJson());

    private CloudEvent UserRegisteredEvent(Guid eventId, Guid userId) => CloudEventFor(eventId, new JsonObject
    {
        ["id"] = eventId.ToString(),
        ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O"),
        ["userId"] = userId.ToString(),
        ["name"] = "Sam",
        ["email"] = $"{userId:N}@example.com",
        ["role"] = "customer",
    });

    private CloudEvent CloudEventFor(Guid eventId, JsonObject data) => new()
    {
        Id = eventId.ToString(),
        Source = "auth",
        Type = "UserRegistered",
        Topic = "UserRegistered",
        PubSubName = fixture.PubSubName,
        Time = DateTimeOffset.UtcNow,
        Data = data,
    };
}
