using System.Net;
using System.Net.Http.Json;
using Marketplace.Auth.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Auth.Tests;

/// <summary>
/// A service of its own whose database stops taking connections for a while. It runs after the parallel tests, on its
/// own, so that no other host of this process starts or works while its database is made unreachable.
/// </summary>
[Collection(Name)]
public sealed class DatabaseOutageTests
{
    public const string Name = "database outage";

    [Fact]
    public async Task While_the_database_refuses_connections_requests_get_503_and_afterwards_work_again()
    {
        var postgres = await PostgresServer.SharedAsync();
        var redis = await RedisServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("auth_outage");
        await using var host = new ServiceHost<AuthDbContext>(TestSettings.For(connectionString, redis.ConnectionString));
        using var client = host.CreateHttpClient();
        var login = new { email = "nobody@example.com", password = "not-the-password" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", login)).StatusCode);

        await postgres.SetConnectionsAllowedAsync(connectionString, allowed: false);
        var duringOutage = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            duringOutage.Add(await client.PostAsJsonAsync("/api/auth/login", login));
        }

        await postgres.SetConnectionsAllowedAsync(connectionString, allowed: true);
        var afterOutage = await client.PostAsJsonAsync("/api/auth/login", login);

        foreach (var response in duringOutage)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.False((bool)(await response.ReadJsonAsync())["success"]!);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, afterOutage.StatusCode);
    }
}

[CollectionDefinition(DatabaseOutageTests.Name, DisableParallelization = true)]
public sealed class DatabaseOutageCollection;
