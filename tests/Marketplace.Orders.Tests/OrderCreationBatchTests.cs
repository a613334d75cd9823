using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing;

namespace Marketplace.Orders.Tests;

/// <summary>The batch route checkout uses to create concurrent checkouts' orders together.</summary>
public sealed class OrderCreationBatchTests(OrdersFixture fixture)
{
    [Fact]
    public async Task A_batch_creates_each_order_as_a_single_create_would()
    {
        var widget = await fixture.Catalog.CreateAsync(10.00m, "Widget");
        var gadget = await fixture.Catalog.CreateAsync(0.35m, "Gadget");
        var withdrawn = await fixture.Catalog.CreateAsync(4.00m);
        using var first = new Customer(fixture);
        using var second = new Customer(fixture);
        using var empty = new Customer(fixture);
        using var placed = new Customer(fixture);
        using var stale = new Customer(fixture);
        await first.AddOkAsync(widget, 2);
        await second.AddOkAsync(gadget, 3);
        await second.AddOkAsync(widget, 1);
        await placed.AddOkAsync(widget, 1);
        var placedCheckout = Guid.NewGuid();
        var placedOrder = (await (await placed.PlaceOrderAsync(placedCheckout)).ReadJsonAsync())["data"]!;
        await stale.AddOkAsync(withdrawn, 1);
        await fixture.Catalog.DeleteAsync(withdrawn);
        await fixture.Catalog.SetPriceAsync(widget, 12.40m);
        var (firstCheckout, secondCheckout, emptyCheckout, staleCheckout, firstAgain) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var outcomes = await CreateAllAsync(
            (firstCheckout, first), (secondCheckout, second), (emptyCheckout, empty), (placedCheckout, placed), (staleCheckout, stale), (firstAgain, first));

        Assert.Equal(["Created", "Created", "EmptyCart", "AlreadyPlaced", "ProductsUnavailable", "EmptyCart"], outcomes.Select(o => (string)o!["outcome"]!));
        Assert.Equal(24.80m, (decimal)outcomes[0]!["order"]!["totalAmount"]!);
        Assert.Equal(13.45m, (decimal)outcomes[1]!["order"]!["totalAmount"]!);
        Assert.Equal((firstCheckout.ToString(), first.Id.ToString()), ((string)outcomes[0]!["order"]!["checkoutId"]!, (string)outcomes[0]!["order"]!["userId"]!));
        Assert.Equal("The cart is empty.", (string)outcomes[2]!["detail"]!);
        Assert.Equal((string)placedOrder["id"]!, (string)outcomes[3]!["order"]!["id"]!);
        Assert.Equal([withdrawn.ToString()], outcomes[4]!["productIds"]!.AsArray().Select(id => (string)id!));
        Assert.Empty((await first.CartAsync())["items"]!.AsArray());
        Assert.Empty((await second.CartAsync())["items"]!.AsArray());
        Assert.Single((await stale.CartAsync())["items"]!.AsArray());
        Assert.Equal("Pending", (string)(await fixture.GetOrderAsync((Guid)outcomes[1]!["order"]!["id"]!))["status"]!);
        Assert.Equal(1, await fixture.WrittenAsync("OrderCreated", (Guid)outcomes[0]!["order"]!["id"]!));

        // A repeat of the batch answers the same orders and creates none.
        var repeated = await CreateAllAsync((firstCheckout, first), (secondCheckout, second));
        Assert.Equal(["AlreadyPlaced", "AlreadyPlaced"], repeated.Select(o => (string)o!["outcome"]!));
        Assert.Equal((string)outcomes[1]!["order"]!["id"]!, (string)repeated[1]!["order"]!["id"]!);
    }

    [Fact]
    public async Task A_malformed_batch_is_refused_with_the_field()
    {
        using var service = fixture.InternalClient();

        using var response = await service.PostAsJsonAsync("/api/orders/batch", new { orders = new[] { new { checkoutId = Guid.NewGuid(), userId = Guid.NewGuid() } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.Contains(problem["errors"]!.AsObject(), error => string.Equals(error.Key, "orders[0].shippingAddress", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<JsonArray> CreateAllAsync(params (Guid CheckoutId, Customer Customer)[] checkouts)
    {
        using var service = fixture.InternalClient();
        var body = new { orders = checkouts.Select(c => new { checkoutId = c.CheckoutId, userId = c.Customer.Id, shippingAddress = Customer.Address }) };
        using var response = await service.PostAsJsonAsync("/api/orders/batch", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["data"]!.AsArray();
    }
}
