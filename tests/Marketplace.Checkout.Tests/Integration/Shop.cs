using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing;

namespace Marketplace.Checkout.Tests.Integration;

/// <summary>What tests set up and inspect through the peers' own APIs: stocked products, carts, orders, stock and payments.</summary>
public sealed class Shop(PeerServices peers, Func<Uri> payments)
{
    private readonly Guid _vendor = Guid.NewGuid();

    /// <summary>A new product at <paramref name="price"/> with <paramref name="stock"/> units on hand.</summary>
    public async Task<Guid> StockedProductAsync(int stock, decimal price = 19.99m)
    {
        using var products = Client(peers.Products.BaseAddress, TestJwt.TokenFor(_vendor, "vendor"));
        using var created = await products.PostAsJsonAsync("/api/products", new
        {
            name = $"Product {Guid.NewGuid():N}"[..20],
            description = "A product for checkout tests",
            price,
            category = "tests",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var productId = (Guid)(await created.ReadJsonAsync())["data"]!["id"]!;

        using var inventory = Client(peers.Inventory.BaseAddress, TestJwt.TokenFor(_vendor, "vendor"));
        using var added = await inventory.PostAsJsonAsync("/api/inventory/add", new { productId, quantity = stock });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        return productId;
    }

    /// <summary>Changes the product's price, as its vendor would.</summary>
    public async Task SetPriceAsync(Guid productId, decimal price)
    {
        using var products = Client(peers.Products.BaseAddress, TestJwt.TokenFor(_vendor, "vendor"));
        using var updated = await products.PutAsJsonAsync($"/api/products/{productId}", new { price });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
    }

    /// <summary>Takes the product out of the catalog, as its vendor would.</summary>
    public async Task DeleteProductAsync(Guid productId)
    {
        using var products = Client(peers.Products.BaseAddress, TestJwt.TokenFor(_vendor, "vendor"));
        using var deleted = await products.DeleteAsync($"/api/products/{productId}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
    }

    /// <summary>A new customer with these items in the cart; returns the customer's id and token.</summary>
    public async Task<(Guid UserId, string Token)> BuyerAsync(params (Guid ProductId, int Quantity)[] cart)
    {
        var userId = Guid.NewGuid();
        var token = TestJwt.TokenFor(userId, "customer");
        using var orders = Client(peers.Orders.BaseAddress, token);
        foreach (var (productId, quantity) in cart)
        {
            using var added = await orders.PostAsJsonAsync("/api/orders/cart/add", new { productId, quantity });
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        return (userId, token);
    }

    /// <summary>The product's stock: <c>quantity</c> available, <c>reserved</c> held.</summary>
    public async Task<(int Available, int Reserved)> StockAsync(Guid productId)
    {
        using var inventory = Client(peers.Inventory.BaseAddress, null);
        var stock = (await (await inventory.GetAsync($"/api/inventory/{productId}")).ReadJsonAsync())["data"]!;
        return ((int)stock["quantity"]!, (int)stock["reserved"]!);
    }

    /// <summary>
    /// The product's stock once no checkout holds any of it: a confirmed checkout is answered before its reservation
    /// becomes a sale, so the last step may still be on its way.
    /// </summary>
    public async Task<(int Available, int Reserved)> SettledStockAsync(Guid productId)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stock = await StockAsync(productId);
            if (stock.Reserved == 0 || attempt == 100)
            {
                return stock;
            }

            await Task.Delay(50);
        }
    }

    public async Task<JsonNode> OrderAsync(Guid orderId)
    {
        using var orders = Client(peers.Orders.BaseAddress, null).WithInternalToken();
        using var response = await orders.GetAsync($"/api/orders/{orderId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["data"]!;
    }

    /// <summary>The customer's orders, newest first.</summary>
    public async Task<JsonArray> OrdersOfAsync(string token)
    {
        using var orders = Client(peers.Orders.BaseAddress, token);
        return (await (await orders.GetAsync("/api/orders?limit=100")).ReadJsonAsync())["data"]!.AsArray();
    }

    /// <summary>The order's payment transaction, or null when the order was never charged.</summary>
    public async Task<JsonNode?> PaymentOfOrderAsync(Guid orderId)
    {
        using var client = Client(payments(), null).WithInternalToken();
        using var response = await client.GetAsync($"/api/payments/orders/{orderId}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.ReadJsonAsync())["data"];
    }

    /// <summary>The customer's payment transactions.</summary>
    public async Task<JsonArray> PaymentsOfAsync(string token)
    {
        using var client = Client(payments(), token);
        return (await (await client.GetAsync("/api/payments?limit=100")).ReadJsonAsync())["data"]!.AsArray();
    }

    private static HttpClient Client(Uri address, string? token)
    {
        var client = new HttpClient { BaseAddress = address };
        return token is null ? client : client.WithBearer(token);
    }
}
