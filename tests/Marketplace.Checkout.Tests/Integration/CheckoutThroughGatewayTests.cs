using System.Net;
using Marketplace.Checkout.Tests.Api;
using Marketplace.Checkout.Workflow;
using Marketplace.Testing;

namespace Marketplace.Checkout.Tests.Integration;

[Collection(MarketplaceCollection.Name)]
public sealed class CheckoutThroughGatewayTests(MarketplaceFixture fixture)
{
    private Shop Shop => fixture.Shop;

    [Fact]
    public async Task A_paid_checkout_confirms_the_order_sells_the_stock_and_records_the_payment()
    {
        var product = await Shop.StockedProductAsync(stock: 5, price: 12.50m);
        var (_, token) = await Shop.BuyerAsync((product, 2));
        using var client = fixture.GatewayClient(token);

        var response = await client.CheckoutAsync(CheckoutRequests.Valid());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True((bool)body["success"]!);
        Assert.Equal("Order placed successfully", (string)body["message"]!);
        var orderId = (Guid)body["orderId"]!;
        var order = await Shop.OrderAsync(orderId);
        Assert.Equal("Confirmed", (string)order["status"]!);
        Assert.Equal(25.00m, (decimal)order["totalAmount"]!);
        Assert.Equal((3, 0), await Shop.SettledStockAsync(product));
        var payment = await Shop.PaymentOfOrderAsync(orderId);
        Assert.Equal(("Completed", 25.00m), ((string)payment!["status"]!, (decimal)payment["amount"]!));
        Assert.Equal((string)body["transactionId"]!, (string)payment["transactionId"]!);
        var cart = (await (await client.GetAsync("/api/orders/cart")).ReadJsonAsync())["data"]!;
        Assert.Empty(cart["items"]!.AsArray());
    }

    [Fact]
    public async Task A_free_order_is_confirmed_and_sells_the_stock_without_a_charge()
    {
        var product = await Shop.StockedProductAsync(stock: 3, price: 0m);
        var (_, token) = await Shop.BuyerAsync((product, 1));
        using var client = fixture.GatewayClient(token);

        var response = await client.CheckoutAsync(CheckoutRequests.Valid());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Null(body["transactionId"]);
        var orderId = (Guid)body["orderId"]!;
        Assert.Equal("Confirmed", (string)(await Shop.OrderAsync(orderId))["status"]!);
        Assert.Equal((2, 0), await Shop.SettledStockAsync(product));
        Assert.Null(await Shop.PaymentOfOrderAsync(orderId));
    }

    [Fact]
    public async Task Short_stock_is_409_with_the_short_items_the_order_cancelled_and_nothing_reserved_or_charged()
    {
        var plenty = await Shop.StockedProductAsync(stock: 10);
        var scarce = await Shop.StockedProductAsync(stock: 2);
        var (_, token) = await Shop.BuyerAsync((plenty, 1), (scarce, 5));
        using var client = fixture.GatewayClient(token);

        var response = await client.CheckoutAsync(CheckoutRequests.Valid());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.NotNull(problem["message"]);
        var shortItem = Assert.Single(problem["items"]!.AsArray())!;
        Assert.Equal((scarce, 5, 2), ((Guid)shortItem["productId"]!, (int)shortItem["requested"]!, (int)shortItem["available"]!));
        var orderId = (Guid)problem["orderId"]!;
        Assert.Equal("Cancelled", (string)(await Shop.OrderAsync(orderId))["status"]!);
        Assert.Equal((10, 0), await Shop.StockAsync(plenty));
        Assert.Equal((2, 0), await Shop.StockAsync(scarce));
        Assert.Null(await Shop.PaymentOfOrderAsync(orderId));
    }

    [Fact]
    public async Task A_declined_card_is_402_with_the_stock_released_the_order_cancelled_and_the_cart_back()
    {
        var product = await Shop.StockedProductAsync(stock: 3);
        var (_, token) = await Shop.BuyerAsync((product, 2));
        using var client = fixture.GatewayClient(token);

        var response = await client.CheckoutAsync(CheckoutRequests.Valid("card_declined"));

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.Equal("Payment failed: The card was declined.", (string)problem["message"]!);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.3", (string)problem["type"]!);
        var orderId = (Guid)problem["orderId"]!;
        Assert.Equal("Cancelled", (string)(await Shop.OrderAsync(orderId))["status"]!);
        Assert.Equal((3, 0), await Shop.StockAsync(product));
        Assert.Equal("Failed", (string)(await Shop.PaymentOfOrderAsync(orderId))!["status"]!);
        var cart = (await (await client.GetAsync("/api/orders/cart")).ReadJsonAsync())["data"]!;
        var line = Assert.Single(cart["items"]!.AsArray())!;
        Assert.Equal((product, 2), ((Guid)line["productId"]!, (int)line["quantity"]!));
    }

    [Fact]
    public async Task A_provider_that_never_answers_fails_the_payment_with_402_and_undoes_the_checkout()
    {
        var product = await Shop.StockedProductAsync(stock: 1);
        var (_, token) = await Shop.BuyerAsync((product, 1));
        using var client = fixture.GatewayClient(token);

        var response = await client.CheckoutAsync(CheckoutRequests.Valid("card_timeout"));

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        var orderId = (Guid)(await response.ReadJsonAsync())["orderId"]!;
        Assert.Equal("Cancelled", (string)(await Shop.OrderAsync(orderId))["status"]!);
        Assert.Equal((1, 0), await Shop.StockAsync(product));
    }

    [Fact]
    public async Task Products_gone_from_the_catalog_are_a_409_naming_them_and_the_cart_stays()
    {
        var kept = await Shop.StockedProductAsync(stock: 5);
        var withdrawn = await Shop.StockedProductAsync(stock: 5);
        var (_, token) = await Shop.BuyerAsync((kept, 1), (withdrawn, 2));
        await Shop.DeleteProductAsync(withdrawn);
        using var client = fixture.GatewayClient(token);

        var response = await client.CheckoutAsync(CheckoutRequests.Valid());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.Equal([withdrawn], problem["productIds"]!.AsArray().Select(id => (Guid)id!));
        Assert.Empty(await Shop.OrdersOfAsync(token));
        Assert.Equal((5, 0), await Shop.StockAsync(kept));
        var cart = (await (await client.GetAsync("/api/orders/cart")).ReadJsonAsync())["data"]!;
        Assert.Equal(2, cart["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_total_other_than_the_expected_one_is_a_409_that_charges_nothing_and_keeps_the_cart()
    {
        var product = await Shop.StockedProductAsync(stock: 5, price: 10.00m);
        var (_, token) = await Shop.BuyerAsync((product, 2));
        await Shop.SetPriceAsync(product, 12.00m);
        using var client = fixture.GatewayClient(token);

        var stale = await client.CheckoutAsync(new { shippingAddress = CheckoutRequests.Address, paymentMethod = "card", expectedTotal = 20.00m });
        // The cart given back is priced as the order was, so the total it shows is the one a new checkout comes to.
        var cart = (await (await client.GetAsync("/api/orders/cart")).ReadJsonAsync())["data"]!;
        var current = await client.CheckoutAsync(new { shippingAddress = CheckoutRequests.Address, paymentMethod = "card", expectedTotal = (decimal)cart["totalPrice"]! });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.ReadJsonAsync();
        Assert.Equal(("Total changed", 24.00m), ((string)problem["title"]!, (decimal)problem["totalAmount"]!));
        Assert.Null(await Shop.PaymentOfOrderAsync((Guid)problem["orderId"]!));
        var view = (await (await client.GetAsync($"/api/checkout/{(Guid)problem["checkoutId"]!}")).ReadJsonAsync())["data"]!;
        Assert.Equal(("TotalChanged", 24.00m), ((string)view["outcome"]!, (decimal)view["totalAmount"]!));
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var body = await current.ReadJsonAsync();
        Assert.Equal(24.00m, (decimal)body["totalAmount"]!);
        Assert.Equal(24.00m, (decimal)(await Shop.PaymentOfOrderAsync((Guid)body["orderId"]!))!["amount"]!);
        Assert.Equal((3, 0), await Shop.StockAsync(product));
    }

    [Fact]
    public async Task An_empty_cart_is_400_and_no_token_is_401()
    {
        var (_, token) = await Shop.BuyerAsync();
        using var client = fixture.GatewayClient(token);
        using var anonymous = fixture.GatewayClient();

        var empty = await client.CheckoutAsync(CheckoutRequests.Valid());
        var unauthenticated = await anonymous.CheckoutAsync(CheckoutRequests.Valid());

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.False((bool)(await empty.ReadJsonAsync())["success"]!);
        Assert.Empty(await Shop.OrdersOfAsync(token));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task A_replayed_idempotency_key_returns_the_first_outcome_and_buys_nothing_more()
    {
        var product = await Shop.StockedProductAsync(stock: 5);
        var (_, token) = await Shop.BuyerAsync((product, 1));
        using var client = fixture.GatewayClient(token);

        var first = await (await client.CheckoutAsync(CheckoutRequests.Valid(), "buy-once")).ReadJsonAsync();
        var concurrentRepeats = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.CheckoutAsync(CheckoutRequests.Valid(), "buy-once")));

        Assert.True((bool)first["success"]!);
        foreach (var repeat in concurrentRepeats)
        {
            Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
            var body = await repeat.ReadJsonAsync();
            Assert.Equal(((string)first["orderId"]!, (string)first["transactionId"]!), ((string)body["orderId"]!, (string)body["transactionId"]!));
        }

        Assert.Single(await Shop.OrdersOfAsync(token));
        Assert.Equal((4, 0), await Shop.SettledStockAsync(product));
    }

    [Fact]
    public async Task Concurrent_first_requests_with_one_key_place_one_order()
    {
        var product = await Shop.StockedProductAsync(stock: 5);
        var (_, token) = await Shop.BuyerAsync((product, 1));
        using var client = fixture.GatewayClient(token);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.CheckoutAsync(CheckoutRequests.Valid(), "double-click")));

        var orderIds = new HashSet<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            orderIds.Add((string)(await response.ReadJsonAsync())["orderId"]!);
        }

        Assert.Single(orderIds);
        Assert.Single(await Shop.OrdersOfAsync(token));
        Assert.Equal((4, 0), await Shop.SettledStockAsync(product));
    }

    [Fact]
    public async Task Fifty_buyers_racing_for_ten_units_get_exactly_ten_confirmed_orders_and_ten_payments()
    {
        var product = await Shop.StockedProductAsync(stock: 10);
        var buyers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Shop.BuyerAsync((product, 1))));

        var outcomes = await Task.WhenAll(buyers.Select(async buyer =>
        {
            using var client = fixture.GatewayClient(buyer.Token);
            // A busy machine may answer 202 before the saga ends: the outcome is then read from the status link.
            var (outcome, orderId) = await client.OutcomeAsync(await client.CheckoutAsync(CheckoutRequests.Valid()));
            return (Outcome: outcome, OrderId: orderId!.Value);
        }));

        Assert.Equal(10, outcomes.Count(outcome => outcome.Outcome == CheckoutOutcome.Confirmed));
        Assert.Equal(40, outcomes.Count(outcome => outcome.Outcome == CheckoutOutcome.OutOfStock));
        Assert.Equal((0, 0), await Shop.SettledStockAsync(product));
        var statuses = await Task.WhenAll(outcomes.Select(async outcome => (string)(await Shop.OrderAsync(outcome.OrderId))["status"]!));
        Assert.Equal(10, statuses.Count(status => status == "Confirmed"));
        Assert.Equal(40, statuses.Count(status => status == "Cancelled"));
        var payments = await Task.WhenAll(outcomes.Select(outcome => Shop.PaymentOfOrderAsync(outcome.OrderId)));
        Assert.Equal(10, payments.Count(payment => payment is not null && (string)payment["status"]! == "Completed"));
        Assert.Equal(40, payments.Count(payment => payment is null));
    }
}
