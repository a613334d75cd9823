using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Testing;

namespace Marketplace.Users.Tests;

public sealed class AddressesApiTests(UsersServiceFixture fixture) : IClassFixture<UsersServiceFixture>
{
    [Fact]
    public async Task Post_address_returns_201_with_the_address_and_its_location()
    {
        var (_, client) = fixture.NewUser();

        var response = await client.PostAsJsonAsync("/api/users/address",
            new { street = "  221B Baker Street ", city = "London", zip = "NW1 6XE", country = "United Kingdom", isDefault = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True((bool)body["success"]!);
        Assert.Equal("Address added", (string)body["message"]!);
        var address = body["data"]!;
        var id = (string)address["id"]!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal($"/api/users/address/{id}", response.Headers.Location?.ToString());
        Assert.Equal("221B Baker Street", (string)address["street"]!);
        Assert.Equal("London", (string)address["city"]!);
        Assert.Null(address["state"]);
        Assert.Equal("NW1 6XE", (string)address["zip"]!);
        Assert.Equal("United Kingdom", (string)address["country"]!);
        Assert.True((bool)address["isDefault"]!);
    }

    [Fact]
    public async Task Get_addresses_lists_the_users_addresses_in_the_order_added_and_the_profile_embeds_them()
    {
        var (_, client) = fixture.NewUser();
        var first = await AddressBodies.AddAsync(client);
        var second = await AddressBodies.AddAsync(client, isDefault: true);

        var response = await client.GetAsync("/api/users/addresses");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var addresses = (await response.ReadJsonAsync())["data"]!.AsArray();
        Assert.Equal([first, second], addresses.Select(a => (string)a!["id"]!));
        Assert.Equal([false, true], addresses.Select(a => (bool)a!["isDefault"]!));
        var profile = (await (await client.GetAsync("/api/users/profile")).ReadJsonAsync())["data"]!;
        Assert.Equal([first, second], profile["addresses"]!.AsArray().Select(a => (string)a!["id"]!));
    }

    [Fact]
    public async Task Get_addresses_of_a_user_without_a_profile_is_an_empty_list()
    {
        var (_, client) = fixture.NewUser();

        var body = await (await client.GetAsync("/api/users/addresses")).ReadJsonAsync();

        Assert.True((bool)body["success"]!);
        Assert.Empty(body["data"]!.AsArray());
    }

    [Fact]
    public async Task Put_address_changes_only_the_fields_sent()
    {
        var (_, client) = fixture.NewUser();
        var id = await AddressBodies.AddAsync(client);

        var response = await client.PutAsJsonAsync($"/api/users/address/{id}", new { city = "Shelbyville", state = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Address updated", (string)body["message"]!);
        var address = body["data"]!;
        Assert.Equal("Shelbyville", (string)address["city"]!);
        Assert.Null(address["state"]);
        Assert.Equal("1 Main St", (string)address["street"]!);
        Assert.Equal("62701", (string)address["zip"]!);
        Assert.False((bool)address["isDefault"]!);
        var listed = (await (await client.GetAsync("/api/users/addresses")).ReadJsonAsync())["data"]!.AsArray().Single()!;
        Assert.Equal("Shelbyville", (string)listed["city"]!);
    }

    [Fact]
    public async Task Delete_address_removes_it()
    {
        var (_, client) = fixture.NewUser();
        var kept = await AddressBodies.AddAsync(client);
        var removed = await AddressBodies.AddAsync(client);

        var response = await client.DeleteAsync($"/api/users/address/{removed}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Address deleted", (string)body["message"]!);
        Assert.Equal(removed, (string)body["data"]!["id"]!);
        var listed = (await (await client.GetAsync("/api/users/addresses")).ReadJsonAsync())["data"]!.AsArray();
        Assert.Equal([kept], listed.Select(a => (string)a!["id"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/users/address/{removed}")).StatusCode);
    }

    [Fact]
    public async Task A_new_default_address_unsets_the_previous_default()
    {
        var (_, client) = fixture.NewUser();
        var first = await AddressBodies.AddAsync(client, isDefault: true);
        var second = await AddressBodies.AddAsync(client, isDefault: true);

        Assert.Equal([second], await DefaultIdsAsync(client));

        await client.PutAsJsonAsync($"/api/users/address/{first}", new { isDefault = true });
        Assert.Equal([first], await DefaultIdsAsync(client));

        await client.PutAsJsonAsync($"/api/users/address/{first}", new { isDefault = false });
        Assert.Empty(await DefaultIdsAsync(client));
    }

    [Fact]
    public async Task An_address_added_without_saying_becomes_the_default_only_when_there_is_none()
    {
        var (_, client) = fixture.NewUser();

        var first = await client.PostAsJsonAsync("/api/users/address", Valid());
        var second = await client.PostAsJsonAsync("/api/users/address", Valid());

        Assert.True((bool)(await first.ReadJsonAsync())["data"]!["isDefault"]!);
        Assert.False((bool)(await second.ReadJsonAsync())["data"]!["isDefault"]!);
        Assert.Equal([first.Headers.Location!.ToString().Split('/')[^1]], await DefaultIdsAsync(client));
    }

    [Fact]
    public async Task Another_users_address_is_not_found_and_stays_unchanged()
    {
        var (_, owner) = fixture.NewUser();
        var id = await AddressBodies.AddAsync(owner);
        var (_, intruder) = fixture.NewUser();
        await AddressBodies.AddAsync(intruder);

        var update = await intruder.PutAsJsonAsync($"/api/users/address/{id}", new { city = "Hijacked" });
        var delete = await intruder.DeleteAsync($"/api/users/address/{id}");
        var intruderList = (await (await intruder.GetAsync("/api/users/addresses")).ReadJsonAsync())["data"]!.AsArray();

        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.False((bool)(await update.ReadJsonAsync())["success"]!);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.DoesNotContain(id, intruderList.Select(a => (string)a!["id"]!));
        var ownerList = (await (await owner.GetAsync("/api/users/addresses")).ReadJsonAsync())["data"]!.AsArray();
        Assert.Equal("Springfield", (string)ownerList.Single()!["city"]!);
    }

    [Fact]
    public async Task Unknown_and_malformed_address_ids()
    {
        var (_, client) = fixture.NewUser();
        await AddressBodies.AddAsync(client);

        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/users/address/{Guid.NewGuid()}", new { city = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/users/address/{Guid.NewGuid()}")).StatusCode);
        var malformed = await client.DeleteAsync("/api/users/address/12345");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.NotNull((await malformed.ReadJsonAsync())["errors"]!["id"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync("/api/users/address/12345", new { city = "X" })).StatusCode);
    }

    [Fact]
    public async Task Address_routes_require_a_signed_in_user()
    {
        using var anonymous = fixture.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/users/address", AddressBodies.Home())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/users/addresses")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync($"/api/users/address/{Guid.NewGuid()}", new { city = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/users/address/{Guid.NewGuid()}")).StatusCode);
    }

    public static TheoryData<string, string> InvalidNewAddresses => new()
    {
        { Without("street"), "street" },
        { With("street", "   "), "street" },
        { With("street", new string('s', 256)), "street" },
        { Without("city"), "city" },
        { With("city", new string('c', 101)), "city" },
        { With("state", new string('t', 101)), "state" },
        { Without("zip"), "zip" },
        { With("zip", new string('1', 21)), "zip" },
        { With("zip", "62701;DROP"), "zip" },
        { Without("country"), "country" },
        { With("country", new string('c', 101)), "country" },
        { With("isDefault", "yes"), "isDefault" },
        { With("street", 42), "street" },
        { With("city", "Spring\0field"), "city" },
        { "{\"street\":", "body" },
        { "", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidNewAddresses))]
    public async Task Post_address_rejects_bad_input_with_field_errors(string json, string field)
    {
        var (_, client) = fixture.NewUser();

        var response = await client.PostRawJsonAsync("/api/users/address", json);

        await response.AssertFieldErrorsAsync(field);
        Assert.Empty((await (await client.GetAsync("/api/users/addresses")).ReadJsonAsync())["data"]!.AsArray());
    }

    public static TheoryData<string, string> InvalidAddressUpdates => new()
    {
        { "{}", "body" },
        { """{"street":""}""", "street" },
        { $$"""{"street":"{{new string('s', 256)}}"}""", "street" },
        { """{"city":"  "}""", "city" },
        { $$"""{"state":"{{new string('t', 101)}}"}""", "state" },
        { """{"zip":"#1"}""", "zip" },
        { """{"country":""}""", "country" },
        { """{"isDefault":1}""", "isDefault" },
    };

    [Theory]
    [MemberData(nameof(InvalidAddressUpdates))]
    public async Task Put_address_rejects_bad_input_with_field_errors(string json, string field)
    {
        var (_, client) = fixture.NewUser();
        var id = await AddressBodies.AddAsync(client);

        var response = await client.PutAsync($"/api/users/address/{id}", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertFieldErrorsAsync(field);
        var address = (await (await client.GetAsync("/api/users/addresses")).ReadJsonAsync())["data"]!.AsArray().Single()!;
        Assert.Equal("1 Main St", (string)address["street"]!);
    }

    private static async Task<List<string>> DefaultIdsAsync(HttpClient client)
    {
        var addresses = (await (await client.GetAsync("/api/users/addresses")).ReadJsonAsync())["data"]!.AsArray();
        return addresses.Where(a => (bool)a!["isDefault"]!).Select(a => (string)a!["id"]!).ToList();
    }

    private static JsonObject Valid() => new() { ["street"] = "1 Main St", ["city"] = "Springfield", ["zip"] = "62701", ["country"] = "US" };

    private static string Without(string field)
    {
        var body = Valid();
        body.Remove(field);
        return body.ToJsonString();
    }

    private static string With(string field, JsonNode value)
    {
        var body = Valid();
        body[field] = value;
        return body.ToJsonString();
    }
}
