using Marketplace.Auth.Infrastructure;
using Marketplace.Testing;
using StackExchange.Redis;

namespace Marketplace.Users.Tests;

/// <summary>The user service and the real auth service sharing one pub/sub, so auth's events reach users as in production.</summary>
public sealed class UsersWithAuthFixture : UsersServiceFixture
{
    public ServiceHost<AuthDbContext> Auth { get; private set; } = null!;
    public IConnectionMultiplexer Redis { get; private set; } = null!;

    public string UserRegisteredStream => $"{PubSubName}:UserRegistered";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var postgres = await PostgresServer.SharedAsync();
        Auth = new ServiceHost<AuthDbContext>(Settings(await postgres.CreateDatabaseAsync("auth")));
        Auth.CreateHttpClient().Dispose();
        Redis = await ConnectionMultiplexer.ConnectAsync(RedisConnectionString);
    }

    public HttpClient CreateAuthClient() => new() { BaseAddress = Auth.BaseAddress };

    /// <summary>Waits until the user service's consumer group has read and acknowledged every entry up to <paramref name="entryId"/>.</summary>
    public async Task WaitUntilConsumedAsync(RedisValue entryId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var groups = await Redis.GetDatabase().StreamGroupInfoAsync(UserRegisteredStream);
            var group = groups.SingleOrDefault(g => g.Name == "users");
            if (group.Name is not null && CompareEntryIds(group.LastDeliveredId, entryId.ToString()) >= 0 && group.PendingMessageCount == 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The user service did not consume stream entry {entryId}.");
    }

    public override async ValueTask DisposeAsync()
    {
        await Auth.DisposeAsync();
        await Redis.DisposeAsync();
        await base.DisposeAsync();
    }

    private static int CompareEntryIds(string? left, string right)
    {
        static (long Time, long Sequence) Parse(string id) => (long.Parse(id.Split('-')[0]), long.Parse(id.Split('-')[1]));
        return left is null ? -1 : Parse(left).CompareTo(Parse(right));
    }
}
