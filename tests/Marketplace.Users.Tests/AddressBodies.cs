using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Users.Tests;

public static class AddressBodies
{
    public static object Home(bool isDefault = false) =>
        new { street = "1 Main St", city = "Springfield", state = "IL", zip = "62701", country = "US", isDefault };

    public static async Task<string> AddAsync(HttpClient client, bool isDefault = false)
    {
        var response = await client.PostAsJsonAsync("/api/users/address", Home(isDefault));
        response.EnsureSuccessStatusCode();
        return (string)(await response.ReadJsonAsync())["data"]!["id"]!;
    }
}
