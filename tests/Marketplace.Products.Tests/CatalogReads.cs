using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

/// <summary>Creating, renaming and reading products by name, for the tests of the catalog caches.</summary>
public static class CatalogReads
{
    public const string Category = "Cache Tests";

    public static async Task<Guid> CreateAsync(HttpClient vendor, string name)
    {
        using var response = await vendor.PostAsJsonAsync("/api/products", new { name, description = "Camping gear", price = 12.5m, category = Category });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (Guid)(await response.ReadJsonAsync())["data"]!["id"]!;
    }

    public static async Task RenameAsync(HttpClient vendor, Guid id, string name)
    {
        using var renamed = await vendor.PutAsJsonAsync($"/api/products/{id}", new { name });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
    }

    public static async Task<string> NameAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/products/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.ReadJsonAsync())["data"]!["name"]!;
    }

    /// <summary>The name read once <paramref name="staleName"/> is gone, or it if it stays for a second.</summary>
    public static async Task<string> NameOnceChangedAsync(HttpClient client, Guid id, string staleName)
    {
        var name = staleName;
        for (var attempt = 0; attempt < 50 && name == staleName; attempt++)
        {
            await Task.Delay(20);
            name = await NameAsync(client, id);
        }

        return name;
    }

    public static async Task<IEnumerable<string>> NamesInCategoryAsync(HttpClient client)
    {
        using var response = await client.GetAsync($"/api/products?category={Uri.EscapeDataString(Category)}&limit=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["data"]!.AsArray().Select(product => (string)product!["name"]!);
    }
}
