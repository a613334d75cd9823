using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Inventory.Tests;

public sealed class ReservationTests(InventoryServiceFixture fixture) : IClassFixture<InventoryServiceFixture>
{
    private const string HeldOrSold = """
        SELECT coalesce(sum(ri.quantity), 0) FROM reservation_items ri JOIN reservations r ON r.id = ri.reservation_id
        WHERE ri.product_id = @productId AND r.status IN ('Reserved', 'Committed')
        """;

    private const string Held = """
        SELECT coalesce(sum(ri.quantity), 0) FROM reservation_items ri JOIN reservations r ON r.id = ri.reservation_id
        WHERE ri.product_id = @productId AND r.status = 'Reserved'
        """;

    [Fact]
    public async Task Two_hundred_concurrent_reserves_on_ten_units_give_exactly_ten_successes()
    {
        var productId = await fixture.StockedProductAsync(10);
        using var client = fixture.CreateInternalClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            client.PostAsJsonAsync("/api/inventory/reserve", new { productId, quantity = 1 })));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(190, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var stock = await fixture.StockAsync(productId);
        Assert.Equal(0, (int)stock["quantity"]!);
        Assert.Equal(10, (int)stock["reserved"]!);
        Assert.Equal(10, await fixture.ScalarAsync(HeldOrSold, productId));
    }

    [Fact]
    public async Task A_batch_reserve_is_all_or_nothing_and_lists_the_short_items()
    {
        var plenty = await fixture.StockedProductAsync(50);
        var scarce = await fixture.StockedProductAsync(2);
        var unknown = Guid.NewGuid();
        using var client = fixture.CreateInternalClient();

        var response = await client.ReserveAsync(Guid.NewGuid(), (plenty, 5), (scarce, 3), (unknown, 1));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        var shortItems = problem["items"]!.AsArray();
        Assert.Equal(2, shortItems.Count);
        var scarceLine = shortItems.Single(i => (string)i!["productId"]! == scarce.ToString())!;
        Assert.Equal(3, (int)scarceLine["requested"]!);
        Assert.Equal(2, (int)scarceLine["available"]!);
        Assert.Equal("InsufficientStock", (string)scarceLine["reason"]!);
        Assert.Contains(shortItems, i => (string)i!["productId"]! == unknown.ToString() && (int)i["available"]! == 0 && (string)i["reason"]! == "NoInventory");
        Assert.Contains(unknown.ToString(), (string)problem["detail"]!);
        Assert.Equal(50, (int)(await fixture.StockAsync(plenty))["quantity"]!);
        Assert.Equal(0, (int)(await fixture.StockAsync(plenty))["reserved"]!);
        Assert.Equal(2, (int)(await fixture.StockAsync(scarce))["quantity"]!);
    }

    [Fact]
    public async Task A_reserve_of_products_without_stock_is_refused_and_leaves_its_id_free()
    {
        var unknown = Guid.NewGuid();
        var stocked = await fixture.StockedProductAsync(5);
        var reservationId = Guid.NewGuid();
        using var client = fixture.CreateInternalClient();

        var refused = await client.ReserveAsync(reservationId, (unknown, 2));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var shortItem = Assert.Single((await refused.ReadJsonAsync())["items"]!.AsArray())!;
        Assert.Equal((unknown.ToString(), "NoInventory"), ((string)shortItem["productId"]!, (string)shortItem["reason"]!));
        var retried = await client.ReserveAsync(reservationId, (stocked, 2));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(3, (int)(await fixture.StockAsync(stocked))["quantity"]!);
    }

    [Fact]
    public async Task A_batch_reserve_holds_every_line_and_a_repeat_changes_nothing()
    {
        var first = await fixture.StockedProductAsync(20);
        var second = await fixture.StockedProductAsync(20);
        var reservationId = Guid.NewGuid();
        using var client = fixture.CreateInternalClient();

        var response = await client.ReserveAsync(reservationId, (first, 4), (second, 6));
        var repeat = await client.ReserveAsync(reservationId, (first, 4), (second, 6));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await response.ReadJsonAsync())["data"]!;
        Assert.Equal(reservationId.ToString(), (string)data["reservationId"]!);
        Assert.Equal("Reserved", (string)data["status"]!);
        Assert.Equal(2, data["items"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(data.ToJsonString(), (await repeat.ReadJsonAsync())["data"]!.ToJsonString());
        Assert.Equal(16, (int)(await fixture.StockAsync(first))["quantity"]!);
        Assert.Equal(4, (int)(await fixture.StockAsync(first))["reserved"]!);
        Assert.Equal(14, (int)(await fixture.StockAsync(second))["quantity"]!);
    }

    [Fact]
    public async Task Concurrent_batches_over_the_same_products_in_any_order_never_deadlock()
    {
        var first = await fixture.StockedProductAsync(60);
        var second = await fixture.StockedProductAsync(60);
        using var client = fixture.CreateInternalClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 80).Select(i => i % 2 == 0
            ? client.ReserveAsync(Guid.NewGuid(), (first, 1), (second, 1))
            : client.ReserveAsync(Guid.NewGuid(), (second, 1), (first, 1))));

        Assert.Equal(60, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(0, await fixture.QuantityAsync(first));
        Assert.Equal(0, await fixture.QuantityAsync(second));
    }

    [Fact]
    public async Task Concurrent_repeats_of_one_reservation_reserve_once()
    {
        var productId = await fixture.StockedProductAsync(100);
        var reservationId = Guid.NewGuid();
        using var client = fixture.CreateInternalClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.ReserveAsync(reservationId, (productId, 7))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(93, (int)(await fixture.StockAsync(productId))["quantity"]!);
    }

    [Fact]
    public async Task Release_returns_the_stock_once_however_often_it_is_repeated()
    {
        var productId = await fixture.StockedProductAsync(10);
        var reservationId = Guid.NewGuid();
        using var client = fixture.CreateInternalClient();
        (await client.ReserveAsync(reservationId, (productId, 4))).EnsureSuccessStatusCode();

        var releases = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            releases.Add(await client.PostAsJsonAsync("/api/inventory/release", new { reservationId, items = new[] { new { productId, quantity = 4 } } }));
        }

        Assert.All(releases, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var release in releases)
        {
            var data = (await release.ReadJsonAsync())["data"]!;
            Assert.Equal("Released", (string)data["status"]!);
            Assert.Equal(reservationId, (Guid)data["reservationId"]!);
            var item = Assert.Single(data["items"]!.AsArray());
            Assert.Equal(productId, (Guid)item!["productId"]!);
            Assert.Equal(4, (int)item["quantity"]!);
        }

        var stock = await fixture.StockAsync(productId);
        Assert.Equal(10, (int)stock["quantity"]!);
        Assert.Equal(0, (int)stock["reserved"]!);
        var again = await client.ReserveAsync(reservationId, (productId, 4));
        Assert.Equal("Released", (string)(await again.ReadJsonAsync())["data"]!["status"]!);
        Assert.Equal(10, (int)(await fixture.StockAsync(productId))["quantity"]!);
    }

    [Fact]
    public async Task Releasing_an_unknown_reservation_is_a_no_op_success()
    {
        using var client = fixture.CreateInternalClient();
        var reservationId = Guid.NewGuid();

        var response = await client.ReleaseAsync(reservationId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await response.ReadJsonAsync())["data"]!;
        Assert.Equal(reservationId.ToString(), (string)data["reservationId"]!);
        Assert.Equal("Released", (string)data["status"]!);
    }

    [Fact]
    public async Task Commit_sells_the_reserved_stock_once_and_a_later_release_returns_it()
    {
        var productId = await fixture.StockedProductAsync(10);
        var reservationId = Guid.NewGuid();
        using var client = fixture.CreateInternalClient();
        (await client.ReserveAsync(reservationId, (productId, 3))).EnsureSuccessStatusCode();

        var commit = await client.PostAsJsonAsync("/api/inventory/commit", new { reservationId });
        var repeat = await client.PostAsJsonAsync("/api/inventory/commit", new { reservationId });

        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        foreach (var answer in new[] { await commit.ReadJsonAsync(), await repeat.ReadJsonAsync() })
        {
            var data = answer["data"]!;
            Assert.Equal("Committed", (string)data["status"]!);
            Assert.Equal(reservationId, (Guid)data["reservationId"]!);
            var item = Assert.Single(data["items"]!.AsArray());
            Assert.Equal(productId, (Guid)item!["productId"]!);
            Assert.Equal(3, (int)item["quantity"]!);
        }

        var stock = await fixture.StockAsync(productId);
        Assert.Equal(7, (int)stock["quantity"]!);
        Assert.Equal(0, (int)stock["reserved"]!);
        Assert.Equal(3, await fixture.ScalarAsync(HeldOrSold, productId));

        (await client.ReleaseAsync(reservationId)).EnsureSuccessStatusCode();
        Assert.Equal(10, (int)(await fixture.StockAsync(productId))["quantity"]!);
        Assert.Equal(0, await fixture.ScalarAsync(HeldOrSold, productId));
    }

    [Fact]
    public async Task Commit_of_an_unknown_reservation_is_404_and_of_a_released_one_409()
    {
        var productId = await fixture.StockedProductAsync(10);
        var released = Guid.NewGuid();
        using var client = fixture.CreateInternalClient();
        (await client.ReserveAsync(released, (productId, 2))).EnsureSuccessStatusCode();
        (await client.ReleaseAsync(released)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/inventory/commit", new { reservationId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/inventory/commit", new { reservationId = released })).StatusCode);
        Assert.Equal(10, (int)(await fixture.StockAsync(productId))["quantity"]!);
    }

    [Fact]
    public async Task Seed_single_item_bodies_reserve_and_release_by_product()
    {
        var productId = await fixture.StockedProductAsync(10);
        using var client = fixture.CreateInternalClient();

        var reserve = await client.PostAsJsonAsync("/api/inventory/reserve", new { productId, quantity = 3 });
        (await client.PostAsJsonAsync("/api/inventory/reserve", new { productId, quantity = 2 })).EnsureSuccessStatusCode();
        var release = await client.PostAsJsonAsync("/api/inventory/release", new { productId, quantity = 4 });
        var overRelease = await client.PostAsJsonAsync("/api/inventory/release", new { productId, quantity = 50 });

        Assert.Equal(HttpStatusCode.OK, reserve.StatusCode);
        Assert.True(Guid.TryParse((string)(await reserve.ReadJsonAsync())["data"]!["reservationId"]!, out _));
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Equal(4, (int)(await release.ReadJsonAsync())["data"]!["items"]![0]!["quantity"]!);
        Assert.Equal(1, (int)(await overRelease.ReadJsonAsync())["data"]!["items"]![0]!["quantity"]!);
        var stock = await fixture.StockAsync(productId);
        Assert.Equal(10, (int)stock["quantity"]!);
        Assert.Equal(0, (int)stock["reserved"]!);
    }

    [Fact]
    public async Task Stock_always_reconciles_with_what_was_added()
    {
        var productId = await fixture.StockedProductAsync(40);
        using var client = fixture.CreateInternalClient();
        var reservations = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(reservations.Select(id => client.ReserveAsync(id, (productId, 5))));
        await Task.WhenAll(reservations.Take(4).Select(id => client.ReleaseAsync(id)));
        await Task.WhenAll(reservations.Skip(4).Take(3).Select(id => client.PostAsJsonAsync("/api/inventory/commit", new { reservationId = id })));
        await Task.WhenAll(reservations.Skip(4).Take(2).Select(id => client.ReleaseAsync(id)));

        (await client.PostAsJsonAsync("/api/inventory/release", new { productId, quantity = 3 })).EnsureSuccessStatusCode();

        var stock = await fixture.StockAsync(productId);
        Assert.Equal(40, (int)stock["quantity"]! + await fixture.ScalarAsync(HeldOrSold, productId));
        Assert.Equal((int)stock["reserved"]!, await fixture.ScalarAsync(Held, productId));
        Assert.True((int)stock["quantity"]! >= 0);
    }

    [Theory]
    [InlineData("""{"reservationId":"RES","items":[]}""", "items")]
    [InlineData("""{"items":[{"productId":"PRODUCT","quantity":1}]}""", "reservationId")]
    [InlineData("""{"reservationId":"RES","items":[{"productId":"PRODUCT","quantity":0}]}""", "items[0].quantity")]
    [InlineData("""{"reservationId":"RES","items":[{"quantity":1}]}""", "items[0].productId")]
    [InlineData("""{"reservationId":"RES","items":[{"productId":"PRODUCT","quantity":1},{"productId":"PRODUCT","quantity":2}]}""", "items")]
    [InlineData("""{"productId":"PRODUCT"}""", "quantity")]
    [InlineData("""{"quantity":2}""", "productId")]
    [InlineData("""{"productId":"PRODUCT","quantity":"2"}""", "quantity")]
    [InlineData("""{"productId":"PRODUCT","quantity":1000001}""", "quantity")]
    [InlineData("""{"reservationId":"RES","items":[null]}""", "items[0]")]
    [InlineData("""{"reservationId":"RES","items":{"productId":"PRODUCT"}}""", "items")]
    [InlineData("""{"reservationId":"not-a-uuid","productId":"PRODUCT","quantity":1}""", "reservationId")]
    [InlineData("""{"reservationId":"RES"}""", "items")]
    [InlineData("""[]""", "body")]
    [InlineData("""{"reservationId":"00000000-0000-0000-0000-000000000000","items":[{"productId":"PRODUCT","quantity":1}]}""", "reservationId")]
    public async Task Reserve_rejects_bad_input_with_field_errors(string json, string field)
    {
        var productId = await fixture.StockedProductAsync(10);
        using var client = fixture.CreateInternalClient();

        var response = await client.PostRawJsonAsync("/api/inventory/reserve",
            json.Replace("PRODUCT", productId.ToString()).Replace("RES", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
        Assert.Equal(10, (int)(await fixture.StockAsync(productId))["quantity"]!);
    }

    [Theory]
    [InlineData("/api/inventory/commit", """{}""", "reservationId")]
    [InlineData("/api/inventory/commit", """{"reservationId":"not-a-uuid"}""", "reservationId")]
    [InlineData("/api/inventory/commit", """{"reservationId":"00000000-0000-0000-0000-000000000000"}""", "reservationId")]
    [InlineData("/api/inventory/release", """{}""", "productId")]
    [InlineData("/api/inventory/release", """{"productId":"PRODUCT","quantity":0}""", "quantity")]
    [InlineData("/api/inventory/release", """{"items":[{"productId":"PRODUCT","quantity":1}]}""", "reservationId")]
    public async Task Release_and_commit_reject_bad_input_with_field_errors(string path, string json, string field)
    {
        using var client = fixture.CreateInternalClient();

        var response = await client.PostRawJsonAsync(path, json.Replace("PRODUCT", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
    }

    [Theory]
    [InlineData("/api/inventory/reserve")]
    [InlineData("/api/inventory/release")]
    [InlineData("/api/inventory/commit")]
    public async Task Internal_routes_refuse_callers_without_the_service_credential(string path)
    {
        var productId = await fixture.StockedProductAsync(10);
        var body = new { reservationId = Guid.NewGuid(), productId, quantity = 1 };
        using var anonymous = fixture.CreateClient();
        using var admin = fixture.CreateClient("admin");
        using var forged = fixture.CreateClient();
        forged.DefaultRequestHeaders.Add("X-Internal-Token", "not-the-internal-token-at-all");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(path, body)).StatusCode);
        Assert.Contains((await admin.PostAsJsonAsync(path, body)).StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.PostAsJsonAsync(path, body)).StatusCode);
        Assert.Equal(10, (int)(await fixture.StockAsync(productId))["quantity"]!);
    }
}
