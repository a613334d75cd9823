using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Orders.Tests;

public sealed class OrderCreationTests(OrdersFixture fixture)
{
    [Fact]
    public async Task The_order_snapshots_catalog_prices_at_creation_and_the_cart_is_emptied()
    {
        var widget = await fixture.Catalog.CreateAsync(10.00m, "Widget");
        var gadget = await fixture.Catalog.CreateAsync(0.35m, "Gadget");
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(widget, 2);
        await customer.AddOkAsync(gadget, 3);
        await fixture.Catalog.SetPriceAsync(widget, 12.40m);
        var checkoutId = Guid.NewGuid();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        using var response = await customer.PlaceOrderAsync(checkoutId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = (await response.ReadJsonAsync())["data"]!;
        Assert.Equal($"/api/orders/{order["id"]}", response.Headers.Location?.OriginalString);
        Assert.Equal(customer.Id.ToString(), (string?)order["userId"]);
        Assert.Equal(checkoutId.ToString(), (string?)order["checkoutId"]);
        Assert.Equal("Pending", (string?)order["status"]);
        Assert.Equal(25.85m, (decimal)order["totalAmount"]!);
        var items = order["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        var widgetLine = items.Single(i => (string?)i!["productId"] == widget.ToString())!;
        Assert.Equal("Widget", (string?)widgetLine["name"]);
        Assert.Equal(12.40m, (decimal)widgetLine["price"]!);
        Assert.Equal(2, (int)widgetLine["quantity"]!);
        Assert.Equal("Springfield", (string?)order["shippingAddress"]!["city"]);
        Assert.InRange((DateTimeOffset)order["createdAt"]!, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal((DateTimeOffset)order["createdAt"]!, (DateTimeOffset)order["updatedAt"]!);

        var cart = await customer.CartAsync();
        Assert.Empty(cart["items"]!.AsArray());
        Assert.Equal(0m, (decimal)cart["totalPrice"]!);
    }

    [Fact]
    public async Task Repeating_a_checkout_returns_the_same_order_without_a_second_one()
    {
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(await fixture.Catalog.CreateAsync(5m), 1);
        var checkoutId = Guid.NewGuid();

        using var first = await customer.PlaceOrderAsync(checkoutId);
        await customer.AddOkAsync(await fixture.Catalog.CreateAsync(7m), 1);
        using var repeat = await customer.PlaceOrderAsync(checkoutId);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var order = (await first.ReadJsonAsync())["data"]!;
        var repeated = (await repeat.ReadJsonAsync())["data"]!;
        Assert.Equal((string?)order["id"], (string?)repeated["id"]);
        Assert.Equal((decimal)order["totalAmount"]!, (decimal)repeated["totalAmount"]!);
        Assert.Equal((await fixture.GetOrderAsync((Guid)order["id"]!)).ToJsonString(), repeated.ToJsonString());
        Assert.Single((await customer.CartAsync())["items"]!.AsArray());
        Assert.Equal(1, await fixture.WrittenAsync("OrderCreated", (Guid)order["id"]!));
        using var history = await customer.Client.GetAsync("/api/orders");
        Assert.Single((await history.ReadJsonAsync())["data"]!.AsArray());
    }

    [Fact]
    public async Task Concurrent_repeats_of_a_checkout_create_exactly_one_order()
    {
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(await fixture.Catalog.CreateAsync(5m), 2);
        var checkoutId = Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => customer.PlaceOrderAsync(checkoutId)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        var ids = await Task.WhenAll(responses.Select(async r => (string?)(await r.ReadJsonAsync())["data"]!["id"]));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await fixture.WrittenAsync("OrderCreated", Guid.Parse(ids[0]!)));
    }

    [Fact]
    public async Task A_cart_change_racing_order_creation_lands_in_the_order_or_stays_in_the_cart()
    {
        var first = await fixture.Catalog.CreateAsync(1m);
        var racing = await fixture.Catalog.CreateAsync(2m);
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(first, 1);

        var place = customer.PlaceOrderAsync(Guid.NewGuid());
        var add = customer.AddAsync(racing, 1);
        using var placed = await place;
        using var added = await add;

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var order = (await placed.ReadJsonAsync())["data"]!;
        var inOrder = order["items"]!.AsArray().Count(i => (string?)i!["productId"] == racing.ToString());
        var inCart = (await customer.CartAsync())["items"]!.AsArray().Count(i => (string?)i!["productId"] == racing.ToString());
        Assert.Equal(1, inOrder + inCart);
        Assert.Equal(order["items"]!.AsArray().Sum(i => (decimal)i!["price"]! * (int)i["quantity"]!), (decimal)order["totalAmount"]!);
    }

    [Fact]
    public async Task An_empty_cart_cannot_become_an_order()
    {
        using var customer = new Customer(fixture);

        using var never = await customer.PlaceOrderAsync(Guid.NewGuid());
        await customer.AddOkAsync(await fixture.Catalog.CreateAsync(5m), 1);
        await customer.PlaceOrderOkAsync();
        using var emptied = await customer.PlaceOrderAsync(Guid.NewGuid());

        Assert.Equal(HttpStatusCode.BadRequest, never.StatusCode);
        Assert.False((bool)(await never.ReadJsonAsync())["success"]!);
        Assert.Equal(HttpStatusCode.BadRequest, emptied.StatusCode);
    }

    [Fact]
    public async Task A_product_deleted_from_the_catalog_blocks_the_order_and_the_cart_is_kept()
    {
        var kept = await fixture.Catalog.CreateAsync(5m);
        var deleted = await fixture.Catalog.CreateAsync(6m);
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(kept, 1);
        await customer.AddOkAsync(deleted, 1);
        await fixture.Catalog.DeleteAsync(deleted);

        using var response = await customer.PlaceOrderAsync(Guid.NewGuid());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(deleted.ToString(), (string?)Assert.Single(problem["productIds"]!.AsArray()));
        Assert.Equal(2, (await customer.CartAsync())["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_checkout_id_of_another_users_order_is_refused()
    {
        using var alice = new Customer(fixture);
        using var bob = new Customer(fixture);
        await alice.AddOkAsync(await fixture.Catalog.CreateAsync(5m), 1);
        await bob.AddOkAsync(await fixture.Catalog.CreateAsync(5m), 1);
        var checkoutId = Guid.NewGuid();
        using var alices = await alice.PlaceOrderAsync(checkoutId);

        using var bobs = await bob.PlaceOrderAsync(checkoutId);

        Assert.Equal(HttpStatusCode.Conflict, bobs.StatusCode);
        Assert.Single((await bob.CartAsync())["items"]!.AsArray());
    }

    [Theory]
    [InlineData("{}", "checkoutId")]
    [InlineData("{\"checkoutId\": \"CID\", \"shippingAddress\": ADDR}", "userId")]
    [InlineData("{\"checkoutId\": \"CID\", \"userId\": \"UID\"}", "shippingAddress")]
    [InlineData("{\"checkoutId\": \"CID\", \"userId\": \"UID\", \"shippingAddress\": {\"street\": \"1 Road\", \"city\": \"Town\", \"zip\": \"1\"}}", "shippingAddress.country")]
    [InlineData("{\"checkoutId\": \"CID\", \"userId\": \"UID\", \"shippingAddress\": {\"street\": \" \", \"city\": \"Town\", \"zip\": \"1\", \"country\": \"US\"}}", "shippingAddress.street")]
    [InlineData("{\"checkoutId\": 12, \"userId\": \"UID\", \"shippingAddress\": ADDR}", "checkoutId")]
    [InlineData("{\"checkoutId\": \"00000000-0000-0000-0000-000000000000\", \"userId\": \"UID\", \"shippingAddress\": ADDR}", "checkoutId")]
    public async Task Bad_create_requests_get_400_with_the_field_named(string json, string field)
    {
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(await fixture.Catalog.CreateAsync(5m), 1);
        using var service = fixture.InternalClient();

        using var response = await service.PostRawJsonAsync("/api/orders", json
            .Replace("CID", Guid.NewGuid().ToString()).Replace("UID", customer.Id.ToString())
            .Replace("ADDR", "{\"street\": \"1 Road\", \"city\": \"Town\", \"zip\": \"1\", \"country\": \"US\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
        Assert.Single((await customer.CartAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Creating_an_order_is_for_services_only()
    {
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(await fixture.Catalog.CreateAsync(5m), 1);
        var body = new { checkoutId = Guid.NewGuid(), userId = customer.Id, shippingAddress = Customer.Address };
        using var anonymous = fixture.OrdersClient();
        using var admin = fixture.OrdersClient(TestJwt.TokenFor(Guid.NewGuid(), "admin"));
        using var forged = fixture.OrdersClient();
        forged.DefaultRequestHeaders.Add("X-Internal-Token", "not-the-service-credential");
        using var gateway = fixture.GatewayClient(TestJwt.TokenFor(Guid.NewGuid(), "admin")).WithInternalToken();

        using var withoutToken = await anonymous.PostAsJsonAsync("/api/orders", body);
        using var asCustomer = await customer.Client.PostAsJsonAsync("/api/orders", body);
        using var asAdmin = await admin.PostAsJsonAsync("/api/orders", body);
        using var withForgedToken = await forged.PostAsJsonAsync("/api/orders", body);
        using var throughGateway = await gateway.PostAsJsonAsync("/api/orders", body);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        // A user token is no service credential at all: the internal policy does not even look at it.
        Assert.Equal(HttpStatusCode.Unauthorized, asCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withForgedToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, throughGateway.StatusCode);
        Assert.Single((await customer.CartAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Creation_publishes_OrderCreated()
    {
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(await fixture.Catalog.CreateAsync(4.5m), 2);
        var order = await customer.PlaceOrderOkAsync();

        var published = await fixture.PublishedAsync("OrderCreated", (Guid)order["id"]!);

        Assert.Equal("orders", (string?)published["source"]);
        Assert.Equal((string?)published["id"], (string?)published["data"]!["id"]);
        var data = published["data"]!;
        Assert.Equal(customer.Id.ToString(), (string?)data["userId"]);
        Assert.Equal((string?)order["checkoutId"], (string?)data["checkoutId"]);
        Assert.Equal(9.0m, (decimal)data["totalAmount"]!);
        Assert.Equal("Pending", (string?)data["status"]);
    }
}
