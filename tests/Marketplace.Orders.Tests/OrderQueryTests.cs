using System.Net;
using System.Text.Json.Nodes;
using Marketplace.Testing;

namespace Marketplace.Orders.Tests;

public sealed class OrderQueryTests(OrdersFixture fixture)
{
    [Fact]
    public async Task A_customer_pages_through_their_own_orders_newest_first()
    {
        using var customer = new Customer(fixture);
        using var other = new Customer(fixture);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await fixture.OrderInStatusAsync(customer, "Pending"));
        }

        await fixture.OrderInStatusAsync(other, "Pending");

        using var first = await customer.Client.GetAsync("/api/orders?page=1&limit=2");
        using var second = await customer.Client.GetAsync("/api/orders?page=2&limit=2");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstPage = await first.ReadJsonAsync();
        var secondPage = await second.ReadJsonAsync();
        Assert.True((bool)firstPage["success"]!);
        Assert.Equal(3, (int)firstPage["pagination"]!["total"]!);
        Assert.Equal(2, (int)firstPage["pagination"]!["totalPages"]!);
        Assert.Equal(2, (int)firstPage["pagination"]!["limit"]!);
        var listed = firstPage["data"]!.AsArray().Concat(secondPage["data"]!.AsArray()).Select(o => (Guid)o!["id"]!).ToList();
        Assert.Equal(Enumerable.Reverse(ids), listed);
        var newest = firstPage["data"]![0]!;
        Assert.Equal("Pending", (string?)newest["status"]);
        Assert.Equal(10.00m, (decimal)newest["totalAmount"]!);
        Assert.Single(newest["items"]!.AsArray());
        Assert.NotNull(newest["createdAt"]);
    }

    [Fact]
    public async Task A_customer_with_no_orders_gets_an_empty_page()
    {
        using var customer = new Customer(fixture);

        using var response = await customer.Client.GetAsync("/api/orders");

        var page = await response.ReadJsonAsync();
        Assert.Empty(page["data"]!.AsArray());
        Assert.Equal(0, (int)page["pagination"]!["total"]!);
        Assert.Equal(1, (int)page["pagination"]!["page"]!);
        Assert.Equal(20, (int)page["pagination"]!["limit"]!);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("page=abc", "page")]
    [InlineData("page=2147483647", "page")]
    public async Task Bad_paging_gets_400(string query, string field)
    {
        using var customer = new Customer(fixture);

        using var response = await customer.Client.GetAsync($"/api/orders?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.False((bool)problem["success"]!);
        Assert.Contains(problem["errors"]!.AsObject(), error => string.Equals(error.Key, field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_order_is_visible_to_its_owner_an_admin_and_services_only()
    {
        using var owner = new Customer(fixture);
        using var other = new Customer(fixture);
        var orderId = await fixture.OrderInStatusAsync(owner, "Confirmed");
        using var admin = fixture.AdminClient();
        using var service = fixture.InternalClient();
        using var anonymous = fixture.OrdersClient();

        using var byOwner = await owner.Client.GetAsync($"/api/orders/{orderId}");
        using var byAdmin = await admin.GetAsync($"/api/orders/{orderId}");
        using var byService = await service.GetAsync($"/api/orders/{orderId}");
        using var byOther = await other.Client.GetAsync($"/api/orders/{orderId}");
        using var byNobody = await anonymous.GetAsync($"/api/orders/{orderId}");
        using var unknown = await owner.Client.GetAsync($"/api/orders/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        var order = (await byOwner.ReadJsonAsync())["data"]!;
        Assert.Equal("Confirmed", (string?)order["status"]);
        Assert.Equal(10.00m, (decimal)order["totalAmount"]!);
        Assert.Equal(10.00m, (decimal)order["items"]![0]!["price"]!);
        Assert.Equal("1 Market Street", (string?)order["shippingAddress"]!["street"]);
        Assert.NotNull(order["createdAt"]);
        Assert.NotNull(order["updatedAt"]);
        Assert.Equal(order.ToJsonString(), (await byAdmin.ReadJsonAsync())["data"]!.ToJsonString());
        Assert.Equal(order.ToJsonString(), (await byService.ReadJsonAsync())["data"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.False((bool)(await byOther.ReadJsonAsync())["success"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Admins_list_every_order_filtered_by_status_and_creation_time()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var alice = new Customer(fixture);
        using var bob = new Customer(fixture);
        var alicesShipped = await fixture.OrderInStatusAsync(alice, "Shipped");
        var bobsShipped = await fixture.OrderInStatusAsync(bob, "Shipped");
        var bobsPending = await fixture.OrderInStatusAsync(bob, "Pending");
        var until = DateTimeOffset.UtcNow.AddSeconds(1);
        using var admin = fixture.AdminClient();
        var window = $"from={Uri.EscapeDataString(since.ToString("O"))}&to={Uri.EscapeDataString(until.ToString("O"))}";

        var shipped = await ListAsync(admin, $"/api/orders/admin?status=shipped&{window}&limit=100");
        var all = await ListAsync(admin, $"/api/orders/admin?{window}&limit=100");
        var before = await ListAsync(admin, $"/api/orders/admin?to={Uri.EscapeDataString(since.ToString("O"))}&limit=100");
        // The same window written in two other time zones.
        var elsewhere = $"from={Uri.EscapeDataString(since.ToOffset(TimeSpan.FromHours(5.5)).ToString("O"))}"
                        + $"&to={Uri.EscapeDataString(until.ToOffset(TimeSpan.FromHours(-8)).ToString("O"))}";
        var allElsewhere = await ListAsync(admin, $"/api/orders/admin?{elsewhere}&limit=100");

        Assert.All(shipped["data"]!.AsArray(), order => Assert.Equal("Shipped", (string?)order!["status"]));
        Assert.Contains(alicesShipped, Ids(shipped));
        Assert.Contains(bobsShipped, Ids(shipped));
        Assert.DoesNotContain(bobsPending, Ids(shipped));
        Assert.Contains(bobsPending, Ids(all));
        Assert.All(all["data"]!.AsArray(), order => Assert.InRange((DateTimeOffset)order!["createdAt"]!, since, until));
        Assert.DoesNotContain(alicesShipped, Ids(before));
        Assert.Contains(alicesShipped, Ids(allElsewhere));
        Assert.Contains(bobsPending, Ids(allElsewhere));
        Assert.All(allElsewhere["data"]!.AsArray(), order => Assert.InRange((DateTimeOffset)order!["createdAt"]!, since, until));
        var createdAts = all["data"]!.AsArray().Select(o => (DateTimeOffset)o!["createdAt"]!).ToList();
        Assert.Equal(createdAts.OrderByDescending(t => t), createdAts);
    }

    [Fact]
    public async Task The_admin_list_pages_and_rejects_bad_filters()
    {
        using var customer = new Customer(fixture);
        await fixture.OrderInStatusAsync(customer, "Pending");
        await fixture.OrderInStatusAsync(customer, "Pending");
        using var admin = fixture.AdminClient();

        var page = await ListAsync(admin, "/api/orders/admin?limit=1&page=2");
        using var badStatus = await admin.GetAsync("/api/orders/admin?status=Lost");
        using var backwards = await admin.GetAsync("/api/orders/admin?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        using var badDate = await admin.GetAsync("/api/orders/admin?from=yesterday");

        Assert.Single(page["data"]!.AsArray());
        Assert.Equal(2, (int)page["pagination"]!["page"]!);
        Assert.True((int)page["pagination"]!["total"]! >= 2);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.NotNull((await badStatus.ReadJsonAsync())["errors"]!["status"]);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    [Fact]
    public async Task Only_admins_list_every_order()
    {
        using var customer = new Customer(fixture);
        using var vendor = fixture.OrdersClient(TestJwt.TokenFor(Guid.NewGuid(), "vendor"));
        using var service = fixture.InternalClient();
        using var gatewayCustomer = fixture.GatewayClient(customer.Token);
        using var gatewayAdmin = fixture.GatewayClient(TestJwt.TokenFor(Guid.NewGuid(), "admin"));

        using var byCustomer = await customer.Client.GetAsync("/api/orders/admin");
        using var byVendor = await vendor.GetAsync("/api/orders/admin");
        using var byService = await service.GetAsync("/api/orders/admin");
        using var throughGatewayCustomer = await gatewayCustomer.GetAsync("/api/orders/admin");
        using var throughGatewayAdmin = await gatewayAdmin.GetAsync("/api/orders/admin");

        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byVendor.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byService.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, throughGatewayCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, throughGatewayAdmin.StatusCode);
    }

    private static async Task<JsonNode> ListAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static List<Guid> Ids(JsonNode page) => page["data"]!.AsArray().Select(o => (Guid)o!["id"]!).ToList();
}
