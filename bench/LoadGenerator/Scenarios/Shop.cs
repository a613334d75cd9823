using System.Globalization;
using Marketplace.Bench.LoadGenerator.Load;
using Marketplace.Bench.LoadGenerator.Setup;

namespace Marketplace.Bench.LoadGenerator.Scenarios;

/// <summary>The shop's requests, shared by the single-endpoint steps, the mix and the checkout benchmark.</summary>
public sealed class Shop(BenchState state)
{
    public const int PageSize = 20;

    private const string CheckoutBody =
        """{"shippingAddress":{"street":"1 Benchmark Street","city":"Loadville","zip":"12345","country":"US"},"paymentMethod":"Credit Card"}""";

    private static readonly Expectation CheckoutOutcomes = new([200], [409, 202]);

    // The cart refuses a product inventory has reported sold out.
    private static readonly Expectation AddToCartOutcomes = new([200], [409]);

    public BenchState State { get; } = state;

    public Task<int> BrowseAsync(VirtualUser user, string operation = "browse products")
    {
        var category = State.Categories[user.Random.Next(State.Categories.Count)];
        var pages = Math.Max(1, (category.Count + PageSize - 1) / PageSize);
        var page = user.Random.Next(1, pages + 1).ToString(CultureInfo.InvariantCulture);
        return user.SendAsync(operation, BenchRequest.Get($"/api/products?category={Uri.EscapeDataString(category.Category)}&page={page}&limit={PageSize}"), Expectation.Ok);
    }

    public Task<int> ViewProductAsync(VirtualUser user, string operation = "view product") =>
        user.SendAsync(operation, BenchRequest.Get($"/api/products/{State.Products[user.Random.Next(State.Products.Count)]}"), Expectation.Ok);

    public Task<int> ViewCartAsync(VirtualUser user, BenchUser buyer) =>
        user.SendAsync("view cart", BenchRequest.Get($"/api/orders/cart", buyer.Token), Expectation.Ok);

    public Task<int> AddToCartAsync(VirtualUser user, BenchUser buyer, Guid productId) =>
        user.SendAsync("add to cart", BenchRequest.Post($"/api/orders/cart/add", $$"""{"productId":"{{productId}}","quantity":1}""", buyer.Token), AddToCartOutcomes);

    public Guid AnyPlentiful(VirtualUser user) => State.Plentiful[user.Random.Next(State.Plentiful.Count)];

    public Task<int> CheckoutAsync(VirtualUser user, BenchUser buyer) =>
        user.SendAsync("checkout", BenchRequest.Post($"/api/checkout", CheckoutBody, buyer.Token, Guid.NewGuid().ToString()), CheckoutOutcomes);

    public Task<int> ClearCartAsync(VirtualUser user, BenchUser buyer) =>
        user.SendAsync("clear cart", BenchRequest.Delete($"/api/orders/cart/clear", buyer.Token), Expectation.Ok);
}
