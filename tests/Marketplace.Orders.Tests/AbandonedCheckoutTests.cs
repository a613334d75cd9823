using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Orders.Tests;

/// <summary>
/// The checkout saga abandons a checkout when it gives up, also when it never heard whether the order was created:
/// the order is cancelled if it exists (its lines going back into the shopper's cart), and a create that arrives later
/// is refused.
/// </summary>
public sealed class AbandonedCheckoutTests(OrdersFixture fixture)
{
    [Fact]
    public async Task Abandoning_a_checkout_cancels_the_order_it_created_and_repeating_it_changes_nothing()
    {
        var (checkoutId, orderId) = await PendingOrderAsync();

        using var abandoned = await AbandonAsync(checkoutId, "payment timed out");
        using var repeat = await AbandonAsync(checkoutId, "payment timed out");

        Assert.Equal(HttpStatusCode.OK, abandoned.StatusCode);
        var data = (await abandoned.ReadJsonAsync())["data"]!;
        Assert.Equal((checkoutId, orderId, "Cancelled"), ((Guid)data["checkoutId"]!, (Guid)data["orderId"]!, (string)data["orderStatus"]!));
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var order = await fixture.GetOrderAsync(orderId);
        Assert.Equal(("Cancelled", "payment timed out"), ((string)order["status"]!, (string)order["statusReason"]!));
        Assert.Equal(1, await fixture.WrittenAsync("OrderCancelled", orderId));
    }

    [Fact]
    public async Task Abandoning_a_checkout_puts_its_order_back_into_the_cart_once_beside_what_was_added_since()
    {
        using var customer = new Customer(fixture);
        var pen = await fixture.Catalog.CreateAsync(8.00m);
        var ink = await fixture.Catalog.CreateAsync(5.00m);
        var pad = await fixture.Catalog.CreateAsync(2.50m);
        var checkoutId = await PlaceOrderOfAsync(customer, (pen, 2), (ink, 1));
        Assert.Empty((await customer.CartAsync())["items"]!.AsArray());
        await customer.AddOkAsync(pen, 1);
        await customer.AddOkAsync(pad, 1);

        using var abandoned = await AbandonAsync(checkoutId, "card declined");
        using var repeat = await AbandonAsync(checkoutId, "card declined");

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var cart = await customer.CartAsync();
        var lines = cart["items"]!.AsArray().ToDictionary(line => (Guid)line!["productId"]!, line => (int)line!["quantity"]!);
        Assert.Equal(new Dictionary<Guid, int> { [pen] = 3, [ink] = 1, [pad] = 1 }, lines);
        Assert.Equal(31.50m, (decimal)cart["totalPrice"]!);
    }

    [Fact]
    public async Task Restored_lines_keep_to_the_most_a_line_may_hold_and_leave_out_deleted_products()
    {
        using var customer = new Customer(fixture);
        using var watcher = new Customer(fixture);
        var bulk = await fixture.Catalog.CreateAsync(1.00m);
        var withdrawn = await fixture.Catalog.CreateAsync(4.00m);
        var checkoutId = await PlaceOrderOfAsync(customer, (bulk, 60), (withdrawn, 1));
        await customer.AddOkAsync(bulk, 60);
        await watcher.AddOkAsync(withdrawn, 1);
        await fixture.Catalog.DeleteAsync(withdrawn);
        await watcher.CartEventuallyAsync(cart => !(bool)Customer.Line(cart, withdrawn)["available"]!);

        using var abandoned = await AbandonAsync(checkoutId, "out of stock");

        Assert.Equal(HttpStatusCode.OK, abandoned.StatusCode);
        var cart = await customer.CartAsync();
        var line = Assert.Single(cart["items"]!.AsArray())!;
        Assert.Equal((bulk, 99), ((Guid)line["productId"]!, (int)line["quantity"]!));
        Assert.Equal(99.00m, (decimal)cart["totalPrice"]!);
    }

    [Fact]
    public async Task A_create_arriving_after_the_abandonment_is_refused_and_the_cart_is_kept()
    {
        using var customer = new Customer(fixture);
        var product = await fixture.Catalog.CreateAsync(8m);
        await customer.AddOkAsync(product, 2);
        var checkoutId = Guid.NewGuid();

        using var abandoned = await AbandonAsync(checkoutId, "gave up");
        using var late = await customer.PlaceOrderAsync(checkoutId);

        Assert.Equal(HttpStatusCode.OK, abandoned.StatusCode);
        Assert.Null((await abandoned.ReadJsonAsync())["data"]!["orderId"]);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("abandoned", (string)(await late.ReadJsonAsync())["detail"]!);
        var line = Assert.Single((await customer.CartAsync())["items"]!.AsArray())!;
        Assert.Equal((product, 2), ((Guid)line["productId"]!, (int)line["quantity"]!));
        using var history = await customer.Client.GetAsync("/api/orders");
        Assert.Empty((await history.ReadJsonAsync())["data"]!.AsArray());
    }

    [Fact]
    public async Task Creates_racing_abandonments_never_leave_a_live_order_behind()
    {
        var product = await fixture.Catalog.CreateAsync(3m);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var customer = new Customer(fixture);
            await customer.AddOkAsync(product, 1);
            var checkoutId = Guid.NewGuid();
            var create = customer.PlaceOrderAsync(checkoutId);
            using var abandoned = await AbandonAsync(checkoutId, "raced");
            using var created = await create;
            Assert.Equal(HttpStatusCode.OK, abandoned.StatusCode);
            Assert.Contains(created.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict });
            using var history = await customer.Client.GetAsync("/api/orders");
            return (await history.ReadJsonAsync())["data"]!.AsArray().Select(order => (string)order!["status"]!).ToList();
        }));

        Assert.All(outcomes, statuses => Assert.True(statuses is [] or ["Cancelled"], $"Orders left: [{string.Join(", ", statuses)}]"));
    }

    [Fact]
    public async Task A_shipped_order_is_not_cancelled_by_an_abandonment_and_the_answer_is_409()
    {
        var (checkoutId, orderId) = await PendingOrderAsync();
        using var confirmed = await fixture.SetStatusAsync(orderId, "Confirmed");
        using var shipped = await fixture.SetStatusAsync(orderId, "Shipped");

        using var abandoned = await AbandonAsync(checkoutId, "too late");

        Assert.Equal(HttpStatusCode.Conflict, abandoned.StatusCode);
        var problem = await abandoned.ReadJsonAsync();
        Assert.Equal(("Shipped", orderId), ((string)problem["currentStatus"]!, (Guid)problem["orderId"]!));
        Assert.Equal("Shipped", (string)(await fixture.GetOrderAsync(orderId))["status"]!);
    }

    [Fact]
    public async Task An_overlong_reason_is_400_naming_the_field_and_abandons_nothing()
    {
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(await fixture.Catalog.CreateAsync(8m), 1);
        var checkoutId = Guid.NewGuid();

        using var refused = await AbandonAsync(checkoutId, new string('x', 501));
        using var create = await customer.PlaceOrderAsync(checkoutId);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.NotNull(problem["errors"]!["reason"]);
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
    }

    [Fact]
    public async Task Users_and_admins_may_not_abandon_a_checkout()
    {
        using var customer = new Customer(fixture);
        using var admin = fixture.AdminClient();

        using var byCustomer = await customer.Client.PostAsJsonAsync($"/api/orders/checkouts/{Guid.NewGuid()}/abandon", new { reason = "no" });
        using var byAdmin = await admin.PostAsJsonAsync($"/api/orders/checkouts/{Guid.NewGuid()}/abandon", new { reason = "no" });

        Assert.Equal(HttpStatusCode.Unauthorized, byCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byAdmin.StatusCode);
    }

    private async Task<(Guid CheckoutId, Guid OrderId)> PendingOrderAsync()
    {
        using var customer = new Customer(fixture);
        await customer.AddOkAsync(await fixture.Catalog.CreateAsync(8m), 1);
        var checkoutId = Guid.NewGuid();
        using var created = await customer.PlaceOrderAsync(checkoutId);
        return (checkoutId, (Guid)(await created.ReadJsonAsync())["data"]!["id"]!);
    }

    /// <summary>Puts the lines in the customer's cart and has the order placed from it; returns the checkout id.</summary>
    private static async Task<Guid> PlaceOrderOfAsync(Customer customer, params (Guid ProductId, int Quantity)[] lines)
    {
        foreach (var (productId, quantity) in lines)
        {
            await customer.AddOkAsync(productId, quantity);
        }

        var checkoutId = Guid.NewGuid();
        using var created = await customer.PlaceOrderAsync(checkoutId);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return checkoutId;
    }

    private async Task<HttpResponseMessage> AbandonAsync(Guid checkoutId, string reason)
    {
        using var service = fixture.InternalClient();
        return await service.PostAsJsonAsync($"/api/orders/checkouts/{checkoutId}/abandon", new { reason });
    }
}
