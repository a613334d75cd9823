using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Users.Tests;

/// <summary>The address book's rules under concurrent requests: one default at most, no lost address, 20 at most.</summary>
public sealed class AddressInvariantTests(UsersServiceFixture fixture) : IClassFixture<UsersServiceFixture>
{
    private const int Rounds = 5;

    [Fact]
    public async Task Two_concurrent_default_creations_leave_both_addresses_and_one_default()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (_, client) = fixture.NewUser();
            await AddressBodies.AddAsync(client, isDefault: true);

            var responses = await Task.WhenAll(
                client.PostAsJsonAsync("/api/users/address", AddressBodies.Home(isDefault: true)),
                client.PostAsJsonAsync("/api/users/address", AddressBodies.Home(isDefault: true)));

            Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
            var addresses = await ListAsync(client);
            Assert.Equal(3, addresses.Count);
            var defaults = addresses.Where(a => a.IsDefault).ToList();
            Assert.Single(defaults);
            var created = await Task.WhenAll(responses.Select(async r => (string)(await r.ReadJsonAsync())["data"]!["id"]!));
            Assert.Contains(defaults[0].Id, created);
        }
    }

    [Fact]
    public async Task Two_concurrent_updates_to_default_leave_one_default()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (_, client) = fixture.NewUser();
            var first = await AddressBodies.AddAsync(client);
            var second = await AddressBodies.AddAsync(client);

            var responses = await Task.WhenAll(
                client.PutAsJsonAsync($"/api/users/address/{first}", new { isDefault = true }),
                client.PutAsJsonAsync($"/api/users/address/{second}", new { isDefault = true }));

            Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
            var addresses = await ListAsync(client);
            Assert.Equal(2, addresses.Count);
            Assert.Single(addresses, a => a.IsDefault);
        }
    }

    [Fact]
    public async Task The_21st_address_is_rejected_with_400()
    {
        var (_, client) = fixture.NewUser();
        for (var i = 0; i < 20; i++)
        {
            await AddressBodies.AddAsync(client);
        }

        var response = await client.PostAsJsonAsync("/api/users/address", AddressBodies.Home());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.False((bool)body["success"]!);
        Assert.NotNull(body["errors"]!["addresses"]);
        Assert.Equal(20, (await ListAsync(client)).Count);

        var firstId = (await ListAsync(client))[0].Id;
        await client.DeleteAsync($"/api/users/address/{firstId}");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/users/address", AddressBodies.Home())).StatusCode);
    }

    [Fact]
    public async Task Concurrent_creations_near_the_limit_never_exceed_20()
    {
        var (_, client) = fixture.NewUser();
        for (var i = 0; i < 18; i++)
        {
            await AddressBodies.AddAsync(client);
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostAsJsonAsync("/api/users/address", AddressBodies.Home())));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        Assert.Equal(20, (await ListAsync(client)).Count);
    }

    private sealed record ListedAddress(string Id, bool IsDefault);

    private static async Task<List<ListedAddress>> ListAsync(HttpClient client)
    {
        var addresses = (await (await client.GetAsync("/api/users/addresses")).ReadJsonAsync())["data"]!.AsArray();
        return addresses.Select(a => new ListedAddress((string)a!["id"]!, (bool)a["isDefault"]!)).ToList();
    }
}
