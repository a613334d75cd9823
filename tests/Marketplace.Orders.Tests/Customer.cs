using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing;

namespace Marketplace.Orders.Tests;

/// <summary>A signed-in customer of the order service, with a fresh user id.</summary>
public sealed class Customer : IDisposable
{
    private readonly OrdersFixture _fixture;

    public Customer(OrdersFixture fixture)
    {
        _fixture = fixture;
        Token = TestJwt.TokenFor(Id, "customer");
        Client = fixture.OrdersClient(Token);
    }

    public Guid Id { get; } = Guid.NewGuid();

    public string Token { get; }

    /// <summary>The order service, signed in as this customer.</summary>
    public HttpClient Client { get; }

    public async Task<HttpResponseMessage> AddAsync(Guid productId, int quantity) =>
        await Client.PostAsJsonAsync("/api/orders/cart/add", new { productId, quantity });

    /// <summary>Adds to the cart, expecting success; returns the cart.</summary>
    public async Task<JsonNode> AddOkAsync(Guid productId, int quantity)
    {
        using var response = await AddAsync(productId, quantity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["data"]!;
    }

    public async Task<JsonNode> CartAsync()
    {
        using var response = await Client.GetAsync("/api/orders/cart");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["data"]!;
    }

    /// <summary>The catalog's events arrive asynchronously: reads the cart until it shows what they changed.</summary>
    public async Task<JsonNode> CartEventuallyAsync(Func<JsonNode, bool> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var cart = await CartAsync();
            if (condition(cart))
            {
                return cart;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("The cart never reflected the catalog's changes.");
    }

    /// <summary>The cart's line of the product.</summary>
    public static JsonNode Line(JsonNode cart, Guid productId) =>
        cart["items"]!.AsArray().Single(item => (string?)item!["productId"] == productId.ToString())!;

    /// <summary>What checkout does: creates the order from this customer's cart.</summary>
    public async Task<HttpResponseMessage> PlaceOrderAsync(Guid checkoutId)
    {
        using var service = _fixture.InternalClient();
        return await service.PostAsJsonAsync("/api/orders", new { checkoutId, userId = Id, shippingAddress = Address });
    }

    /// <summary>Creates an order from the cart, expecting a new one; returns it.</summary>
    public async Task<JsonNode> PlaceOrderOkAsync()
    {
        using var response = await PlaceOrderAsync(Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync())["data"]!;
    }

    public static object Address { get; } = new { street = "1 Market Street", city = "Springfield", zip = "12345", country = "US" };

    public void Dispose() => Client.Dispose();
}
