using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Orders.Tests;

/// <summary>Products created, repriced and deleted by a vendor through the real product service's API.</summary>
public sealed class Catalog(Uri productsAddress) : IDisposable
{
    private readonly HttpClient _vendor = new HttpClient { BaseAddress = productsAddress }.WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "vendor"));

    public async Task<Guid> CreateAsync(decimal price, string? name = null)
    {
        using var response = await _vendor.PostAsJsonAsync("/api/products", new
        {
            name = name ?? $"Product {Guid.NewGuid():N}"[..20],
            description = "A product for order tests",
            price,
            category = "tests",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (Guid)(await response.ReadJsonAsync())["data"]!["id"]!;
    }

    public async Task SetPriceAsync(Guid productId, decimal price)
    {
        using var response = await _vendor.PutAsJsonAsync($"/api/products/{productId}", new { price });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task DeleteAsync(Guid productId)
    {
        using var response = await _vendor.DeleteAsync($"/api/products/{productId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => _vendor.Dispose();
}
