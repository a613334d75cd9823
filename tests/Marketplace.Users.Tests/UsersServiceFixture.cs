using System.Net;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Testing;
using Marketplace.Users.Infrastructure;
using Npgsql;

namespace Marketplace.Users.Tests;

/// <summary>The user service on a real port with its own fresh database and the shared test Redis.</summary>
public class UsersServiceFixture : IAsyncLifetime
{
    public ServiceHost<UsersDbContext> Host { get; private set; } = null!;
    public string DatabaseConnectionString { get; private set; } = null!;
    public string RedisConnectionString { get; private set; } = null!;
    public string PubSubName { get; } = $"pubsub-{Guid.NewGuid():N}";

    public virtual async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var redis = await RedisServer.SharedAsync();
        DatabaseConnectionString = await postgres.CreateDatabaseAsync("users");
        RedisConnectionString = redis.ConnectionString;
        Host = new ServiceHost<UsersDbContext>(Settings(DatabaseConnectionString));
        Host.CreateHttpClient().Dispose();
    }

    /// <summary>The service's configuration; peers the test starts share <see cref="PubSubName"/>.</summary>
    public Dictionary<string, string?> Settings(string database)
    {
        var settings = TestSettings.For(database, RedisConnectionString);
        settings["Marketplace:EventBus:PubSubName"] = PubSubName;
        return settings;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Host.BaseAddress };

    /// <summary>A client signed in as a new user of <paramref name="role"/>.</summary>
    public (Guid UserId, HttpClient Client) NewUser(string role = Roles.Customer)
    {
        var userId = Guid.NewGuid();
        return (userId, CreateClient().WithBearer(TestJwt.TokenFor(userId, role)));
    }

    /// <summary>Reads the caller's profile with <paramref name="count"/> concurrent requests; every one must succeed.</summary>
    public static async Task<string[]> ReadProfileIdsConcurrentlyAsync(HttpClient client, int count)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => client.GetAsync("/api/users/profile")));
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        return await Task.WhenAll(responses.Select(async response => (string)(await response.ReadJsonAsync())["data"]!["id"]!));
    }

    public async Task<long> CountAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter { Value = id } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task<long> ProfileCountAsync(Guid userId) => CountAsync("SELECT count(*) FROM user_profiles WHERE user_id = $1", userId);

    public virtual async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
