using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing;

namespace Marketplace.Inventory.Tests;

/// <summary>The batch routes checkout uses for concurrent checkouts: each item answered as its single route would.</summary>
public sealed class ReservationBatchTests(InventoryServiceFixture fixture) : IClassFixture<InventoryServiceFixture>
{
    [Fact]
    public async Task A_batch_decides_each_reservation_in_order_against_the_stock_the_earlier_ones_left()
    {
        var scarce = await fixture.StockedProductAsync(3);
        var plenty = await fixture.StockedProductAsync(100);
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using var client = fixture.CreateInternalClient();

        var outcomes = await client.ReserveBatchAsync(
            (first, [(scarce, 2), (plenty, 1)]),
            (second, [(scarce, 2), (plenty, 5)]),
            (third, [(scarce, 1)]));

        Assert.Equal([first.ToString(), second.ToString(), third.ToString()], outcomes.Select(o => (string)o!["reservationId"]!));
        Assert.Equal([true, false, true], outcomes.Select(o => (bool)o!["reserved"]!));
        var shortage = Assert.Single(outcomes[1]!["shortages"]!.AsArray())!;
        Assert.Equal((scarce.ToString(), 2, 1, "InsufficientStock"),
            ((string)shortage["productId"]!, (int)shortage["requested"]!, (int)shortage["available"]!, (string)shortage["reason"]!));
        Assert.Equal("Reserved", (string)outcomes[0]!["reservation"]!["status"]!);
        Assert.Equal((0, 3), await StockOfAsync(scarce));
        Assert.Equal((99, 1), await StockOfAsync(plenty));

        // The refused reservation left nothing behind: its id reserves once there is stock for it.
        using (var admin = fixture.CreateClient("admin"))
        {
            (await admin.PostAsJsonAsync("/api/inventory/add", new { productId = scarce, quantity = 2 })).EnsureSuccessStatusCode();
        }

        var retried = await client.ReserveBatchAsync((second, [(scarce, 2), (plenty, 5)]));
        Assert.True((bool)retried[0]!["reserved"]!);
        Assert.Equal((0, 5), await StockOfAsync(scarce));
        Assert.Equal((94, 6), await StockOfAsync(plenty));
    }

    [Fact]
    public async Task A_repeated_reservation_answers_the_first_one_and_holds_nothing_more()
    {
        var productId = await fixture.StockedProductAsync(10);
        var reservationId = Guid.NewGuid();
        using var client = fixture.CreateInternalClient();
        Assert.Equal(HttpStatusCode.OK, (await client.ReserveAsync(reservationId, (productId, 4))).StatusCode);

        var outcomes = await client.ReserveBatchAsync((reservationId, [(productId, 7)]), (reservationId, [(productId, 7)]));

        Assert.All(outcomes, outcome => Assert.True((bool)outcome!["reserved"]!));
        Assert.All(outcomes, outcome => Assert.Equal(4, (int)outcome!["reservation"]!["items"]![0]!["quantity"]!));
        Assert.Equal((6, 4), await StockOfAsync(productId));
    }

    [Fact]
    public async Task A_commit_batch_sells_the_held_stock_and_names_what_it_cannot_commit()
    {
        var productId = await fixture.StockedProductAsync(10);
        var (held, released, unknown) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using var client = fixture.CreateInternalClient();
        await client.ReserveAsync(held, (productId, 3));
        await client.ReserveAsync(released, (productId, 2));
        await client.ReleaseAsync(released);

        var response = await client.PostAsJsonAsync("/api/inventory/commit/batch", new { reservationIds = new[] { held, released, unknown, held } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcomes = (await response.ReadJsonAsync())["data"]!.AsArray();
        Assert.Equal(["Committed", "AlreadyReleased", "NotFound", "Committed"], outcomes.Select(o => (string)o!["outcome"]!));
        Assert.Contains(released.ToString(), (string)outcomes[1]!["detail"]!);
        Assert.Equal("Committed", (string)outcomes[0]!["reservation"]!["status"]!);
        Assert.Equal((7, 0), await StockOfAsync(productId));
        var repeat = await client.CommitAsync(held);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal((7, 0), await StockOfAsync(productId));
    }

    [Theory]
    [InlineData("""{"reservations":[]}""", "reservations")]
    [InlineData("""{"reservations":[{"reservationId":"6f1c2a43-3c54-4f39-9b1e-0c9d2a6a8c11"}]}""", "reservations[0]")]
    [InlineData("""{"reservations":[{"reservationId":"6f1c2a43-3c54-4f39-9b1e-0c9d2a6a8c11","items":[{"productId":"6f1c2a43-3c54-4f39-9b1e-0c9d2a6a8c12","quantity":0}]}]}""", "reservations[0].items[0].quantity")]
    public async Task A_malformed_reserve_batch_is_refused_with_the_field_and_changes_nothing(string body, string field)
    {
        using var client = fixture.CreateInternalClient();

        var response = await client.PostAsync("/api/inventory/reserve/batch", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.Contains(problem["errors"]!.AsObject(), error => string.Equals(error.Key, field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_user_token_does_not_open_the_batch_routes()
    {
        using var customer = fixture.CreateClient("customer");

        var reserve = await customer.PostAsJsonAsync("/api/inventory/reserve/batch", new { reservations = Array.Empty<object>() });
        var commit = await customer.PostAsJsonAsync("/api/inventory/commit/batch", new { reservationIds = new[] { Guid.NewGuid() } });

        Assert.Equal(HttpStatusCode.Unauthorized, reserve.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, commit.StatusCode);
    }

    private async Task<(int Quantity, int Reserved)> StockOfAsync(Guid productId)
    {
        var stock = await fixture.StockAsync(productId);
        return ((int)stock["quantity"]!, (int)stock["reserved"]!);
    }
}

internal static class ReservationBatchRequests
{
    public static async Task<JsonArray> ReserveBatchAsync(this HttpClient client, params (Guid ReservationId, (Guid ProductId, int Quantity)[] Items)[] reservations)
    {
        var body = new
        {
            reservations = reservations.Select(r => new { reservationId = r.ReservationId, items = r.Items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }) }),
        };
        var response = await client.PostAsJsonAsync("/api/inventory/reserve/batch", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["data"]!.AsArray();
    }
}
