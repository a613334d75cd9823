using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Orders.IntegrationEvents;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Orders.Tests;

public sealed class CartTests(OrdersFixture fixture)
{
    [Fact]
    public async Task The_carts_table_leaves_room_on_each_page_for_new_versions_of_its_rows()
    {
        await using var connection = new NpgsqlConnection(fixture.OrdersDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT reloptions FROM pg_class WHERE relname = 'carts'", connection);

        Assert.Contains("fillfactor=50", (string[])(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Name_and_price_come_from_the_catalog_whatever_the_client_sends()
    {
        var productId = await fixture.Catalog.CreateAsync(19.99m, "Genuine Widget");
        using var customer = new Customer(fixture);

        using var response = await customer.Client.PostAsJsonAsync("/api/orders/cart/add", new { productId, quantity = 2, name = "Free Widget", price = 0.01m });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True((bool)body["success"]!);
        var line = Assert.Single(body["data"]!["items"]!.AsArray())!;
        Assert.Equal("Genuine Widget", (string?)line["name"]);
        Assert.Equal(19.99m, (decimal)line["price"]!);
        Assert.Equal(39.98m, (decimal)body["data"]!["totalPrice"]!);
    }

    [Fact]
    public async Task Adding_a_product_again_sums_its_quantity_and_the_total_is_exact()
    {
        var widget = await fixture.Catalog.CreateAsync(19.99m);
        var bolt = await fixture.Catalog.CreateAsync(0.10m);
        using var customer = new Customer(fixture);

        await customer.AddOkAsync(widget, 2);
        await customer.AddOkAsync(bolt, 3);
        var cart = await customer.AddOkAsync(widget, 3);

        var items = cart["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Equal(5, (int)Customer.Line(cart, widget)["quantity"]!);
        Assert.Equal(99.95m, (decimal)Customer.Line(cart, widget)["subtotal"]!);
        Assert.Equal(100.25m, (decimal)cart["totalPrice"]!);
        Assert.Equal(8, (int)cart["itemCount"]!);
        Assert.Equal(cart.ToJsonString(), (await customer.CartAsync()).ToJsonString());
    }

    [Fact]
    public async Task Concurrent_adds_of_one_product_end_with_the_summed_quantity()
    {
        var productId = await fixture.Catalog.CreateAsync(2.50m);
        using var customer = new Customer(fixture);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => customer.AddAsync(productId, 2)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var cart = await customer.CartAsync();
        Assert.Equal(40, (int)Assert.Single(cart["items"]!.AsArray())!["quantity"]!);
        Assert.Equal(100.00m, (decimal)cart["totalPrice"]!);
    }

    [Fact]
    public async Task A_product_inventory_announced_sold_out_is_refused_until_it_is_back_in_stock()
    {
        var productId = await fixture.Catalog.CreateAsync(5.00m);
        var marker = Guid.NewGuid();
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(productId, 1);
        var soldOutAt = DateTimeOffset.UtcNow;

        await fixture.PublishFromInventoryAsync(new ProductSoldOut(productId) { OccurredAt = soldOutAt });
        await fixture.SoldOutEventuallyAsync(productId, true);
        using var refused = await customer.AddAsync(productId, 1);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("The product is sold out.", (string?)(await refused.ReadJsonAsync())["detail"]);
        var cart = await customer.CartAsync();
        Assert.Equal(1, (int)Customer.Line(cart, productId)["quantity"]!);
        Assert.True((bool)Customer.Line(cart, productId)["soldOut"]!);
        Assert.Equal(5.00m, (decimal)cart["totalPrice"]!);

        // An announcement older than the sell-out (a late delivery) changes nothing; a newer one lets the product back in.
        await fixture.PublishFromInventoryAsync(new ProductBackInStock(productId, 3) { OccurredAt = soldOutAt.AddSeconds(-1) });
        await fixture.PublishFromInventoryAsync(new ProductBackInStock(marker, 3) { OccurredAt = soldOutAt });
        await fixture.SoldOutEventuallyAsync(marker, false);
        await Task.Delay(500);
        Assert.Equal(HttpStatusCode.Conflict, (await customer.AddAsync(productId, 1)).StatusCode);
        await fixture.PublishFromInventoryAsync(new ProductBackInStock(productId, 3) { OccurredAt = soldOutAt.AddSeconds(1) });
        await fixture.SoldOutEventuallyAsync(productId, false);
        var restocked = Customer.Line(await customer.AddOkAsync(productId, 1), productId);
        Assert.Equal(2, (int)restocked["quantity"]!);
        Assert.False((bool)restocked["soldOut"]!);
    }

    [Theory]
    [InlineData("{\"productId\": \"PID\", \"quantity\": 0}", "quantity")]
    [InlineData("{\"productId\": \"PID\", \"quantity\": -1}", "quantity")]
    [InlineData("{\"productId\": \"PID\", \"quantity\": 100}", "quantity")]
    [InlineData("{\"productId\": \"PID\", \"quantity\": 1.5}", "quantity")]
    [InlineData("{\"productId\": \"PID\", \"quantity\": \"2\"}", "quantity")]
    [InlineData("{\"quantity\": 1}", "productId")]
    [InlineData("{\"productId\": \"not-a-uuid\", \"quantity\": 1}", "productId")]
    [InlineData("{\"productId\": \"00000000-0000-0000-0000-000000000000\", \"quantity\": 1}", "productId")]
    [InlineData("{\"productId\": ", "body")]
    public async Task Bad_add_requests_get_400_with_the_field_named(string json, string field)
    {
        var productId = await fixture.Catalog.CreateAsync(5m);
        using var customer = new Customer(fixture);

        using var response = await customer.Client.PostRawJsonAsync("/api/orders/cart/add", json.Replace("PID", productId.ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Empty((await customer.CartAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Quantity_defaults_to_one()
    {
        var productId = await fixture.Catalog.CreateAsync(5m);
        using var customer = new Customer(fixture);

        using var response = await customer.Client.PostAsJsonAsync("/api/orders/cart/add", new { productId });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)Customer.Line((await response.ReadJsonAsync())["data"]!, productId)["quantity"]!);
    }

    [Fact]
    public async Task A_line_never_exceeds_99_and_a_refused_add_changes_nothing()
    {
        var productId = await fixture.Catalog.CreateAsync(1m);
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(productId, 90);

        using var tooMany = await customer.AddAsync(productId, 10);
        var afterRefusal = await customer.CartAsync();
        var filled = await customer.AddOkAsync(productId, 9);

        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.False((bool)(await tooMany.ReadJsonAsync())["success"]!);
        Assert.Equal(90, (int)Customer.Line(afterRefusal, productId)["quantity"]!);
        Assert.Equal(90m, (decimal)afterRefusal["totalPrice"]!);
        Assert.Equal(99, (int)Customer.Line(filled, productId)["quantity"]!);
    }

    [Fact]
    public async Task A_cart_holds_at_most_50_products()
    {
        var productIds = await Task.WhenAll(Enumerable.Range(0, 51).Select(_ => fixture.Catalog.CreateAsync(1m)));
        using var customer = new Customer(fixture);
        foreach (var productId in productIds[..50])
        {
            await customer.AddOkAsync(productId, 1);
        }

        using var fiftyFirst = await customer.AddAsync(productIds[50], 1);
        var again = await customer.AddOkAsync(productIds[0], 1);

        Assert.Equal(HttpStatusCode.Conflict, fiftyFirst.StatusCode);
        Assert.Equal(50, again["items"]!.AsArray().Count);
        Assert.Equal(51m, (decimal)again["totalPrice"]!);
    }

    [Fact]
    public async Task Unknown_and_deleted_products_are_not_found()
    {
        var deleted = await fixture.Catalog.CreateAsync(3m);
        await fixture.Catalog.DeleteAsync(deleted);
        using var customer = new Customer(fixture);

        using var unknown = await customer.AddAsync(Guid.NewGuid(), 1);
        using var gone = await customer.AddAsync(deleted, 1);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.False((bool)(await gone.ReadJsonAsync())["success"]!);
        Assert.Empty((await customer.CartAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Removing_a_product_drops_its_line_and_recomputes_the_total()
    {
        var kept = await fixture.Catalog.CreateAsync(4.25m);
        var removed = await fixture.Catalog.CreateAsync(10m);
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(kept, 2);
        await customer.AddOkAsync(removed, 1);

        using var response = await customer.Client.SendJsonAsync(HttpMethod.Delete, "/api/orders/cart/remove", new { productId = removed });
        using var again = await customer.Client.SendJsonAsync(HttpMethod.Delete, "/api/orders/cart/remove", new { productId = removed });
        using var noBody = await customer.Client.DeleteAsync("/api/orders/cart/remove");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cart = (await response.ReadJsonAsync())["data"]!;
        Assert.Equal(kept.ToString(), (string?)Assert.Single(cart["items"]!.AsArray())!["productId"]);
        Assert.Equal(8.50m, (decimal)cart["totalPrice"]!);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
    }

    [Fact]
    public async Task Clearing_empties_the_cart_and_zeroes_the_total()
    {
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(await fixture.Catalog.CreateAsync(7m), 3);

        using var response = await customer.Client.DeleteAsync("/api/orders/cart/clear");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cart = (await response.ReadJsonAsync())["data"]!;
        Assert.Empty(cart["items"]!.AsArray());
        Assert.Equal(0m, (decimal)cart["totalPrice"]!);
        Assert.Empty((await customer.CartAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Each_user_sees_and_changes_only_their_own_cart()
    {
        var productId = await fixture.Catalog.CreateAsync(6m);
        using var alice = new Customer(fixture);
        using var bob = new Customer(fixture);
        await alice.AddOkAsync(productId, 1);

        using var bobRemoves = await bob.Client.SendJsonAsync(HttpMethod.Delete, "/api/orders/cart/remove", new { productId });
        using var bobClears = await bob.Client.DeleteAsync("/api/orders/cart/clear");

        Assert.Equal(HttpStatusCode.NotFound, bobRemoves.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bobClears.StatusCode);
        Assert.Empty((await bob.CartAsync())["items"]!.AsArray());
        Assert.Equal(alice.Id.ToString(), (string?)(await alice.CartAsync())["userId"]);
        Assert.Single((await alice.CartAsync())["items"]!.AsArray());
    }

    [Theory]
    [InlineData("POST", "/api/orders/cart/add")]
    [InlineData("GET", "/api/orders/cart")]
    [InlineData("DELETE", "/api/orders/cart/remove")]
    [InlineData("DELETE", "/api/orders/cart/clear")]
    public async Task Cart_routes_need_a_signed_in_user(string method, string path)
    {
        using var anonymous = fixture.OrdersClient();
        using var service = fixture.InternalClient();

        using var withoutToken = await anonymous.SendJsonAsync(new HttpMethod(method), path, new { productId = Guid.NewGuid(), quantity = 1 });
        using var asService = await service.SendJsonAsync(new HttpMethod(method), path, new { productId = Guid.NewGuid(), quantity = 1 });

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asService.StatusCode);
    }

    [Fact]
    public async Task Lines_whose_catalog_price_changed_are_marked_and_deleted_products_flagged()
    {
        var repriced = await fixture.Catalog.CreateAsync(10.00m);
        var unchanged = await fixture.Catalog.CreateAsync(3.00m);
        var deleted = await fixture.Catalog.CreateAsync(8.00m);
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(repriced, 2);
        await customer.AddOkAsync(unchanged, 1);
        await customer.AddOkAsync(deleted, 1);

        await fixture.Catalog.SetPriceAsync(repriced, 12.50m);
        await fixture.Catalog.DeleteAsync(deleted);
        var cart = await customer.CartEventuallyAsync(c => (bool)Customer.Line(c, repriced)["priceChanged"]! && !(bool)Customer.Line(c, deleted)["available"]!);

        Assert.Equal(10.00m, (decimal)Customer.Line(cart, repriced)["price"]!);
        Assert.Equal(12.50m, (decimal)Customer.Line(cart, repriced)["currentPrice"]!);
        Assert.False((bool)Customer.Line(cart, unchanged)["priceChanged"]!);
        Assert.True((bool)Customer.Line(cart, unchanged)["available"]!);
        Assert.Equal(31.00m, (decimal)cart["totalPrice"]!);

        var readded = await customer.AddOkAsync(repriced, 1);
        Assert.False((bool)Customer.Line(readded, repriced)["priceChanged"]!);
        Assert.Equal(37.50m, (decimal)Customer.Line(readded, repriced)["subtotal"]!);
    }

    [Fact]
    public async Task Adding_answers_503_when_the_catalog_is_unreachable()
    {
        var postgres = await PostgresServer.SharedAsync();
        await using var orders = fixture.StartOrders(await postgres.CreateDatabaseAsync("orders_nocatalog"), $"http://127.0.0.1:{FreePorts.Next()}");
        using var client = new HttpClient { BaseAddress = orders.BaseAddress }.WithBearer(TestJwt.TokenFor(Guid.NewGuid(), "customer"));

        using var response = await client.PostAsJsonAsync("/api/orders/cart/add", new { productId = Guid.NewGuid(), quantity = 1 });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False((bool)(await response.ReadJsonAsync())["success"]!);
    }
}
