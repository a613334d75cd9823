using System.Net;
using Marketplace.Checkout.Tests.Api;
using Marketplace.Testing;

namespace Marketplace.Checkout.Tests.Integration;

[Collection(MarketplaceCollection.Name)]
public sealed class CancelledOrderTests(MarketplaceFixture fixture)
{
    [Fact]
    public async Task A_customer_cancelling_a_confirmed_order_gets_the_stock_back_on_the_shelf_and_the_money_refunded()
    {
        var product = await fixture.Shop.StockedProductAsync(stock: 4);
        var (_, token) = await fixture.Shop.BuyerAsync((product, 3));
        using var client = fixture.GatewayClient(token);
        var orderId = (Guid)(await (await client.CheckoutAsync(CheckoutRequests.Valid())).ReadJsonAsync())["orderId"]!;
        Assert.Equal((1, 0), await fixture.Shop.SettledStockAsync(product));

        using var cancelled = await client.PostAsync($"/api/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        for (var attempt = 0; attempt < 100 && await fixture.Shop.StockAsync(product) != (4, 0); attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Equal((4, 0), await fixture.Shop.StockAsync(product));
        for (var attempt = 0; attempt < 100 && (string?)(await fixture.Shop.PaymentOfOrderAsync(orderId))?["status"] != "Refunded"; attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Equal("Refunded", (string)(await fixture.Shop.PaymentOfOrderAsync(orderId))!["status"]!);
    }
}
