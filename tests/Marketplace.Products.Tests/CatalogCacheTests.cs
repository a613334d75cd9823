using System.Net;
using System.Net.Http.Json;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Products.Infrastructure;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Products.Tests;

/// <summary>Two instances of the product service on one database and one Redis, as behind a load balancer.</summary>
public sealed class TwoInstancesFixture : ProductsServiceFixture
{
    private Dictionary<string, string?> _settings = null!;

    public ServiceHost<ProductsDbContext> Second { get; private set; } = null!;

    public string DatabaseConnectionString => _settings["ConnectionStrings:Database"]!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Second = new ServiceHost<ProductsDbContext>(_settings);
        Second.CreateHttpClient().Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Configure(Dictionary<string, string?> settings) => _settings = settings;
}

public sealed class CatalogCacheTests(TwoInstancesFixture fixture) : IClassFixture<TwoInstancesFixture>
{
    private static readonly Guid Vendor = Guid.NewGuid();

    [Fact]
    public async Task A_write_on_one_instance_evicts_what_the_other_instance_cached()
    {
        using var vendor = fixture.ClientAs(Vendor, Roles.Vendor);
        using var otherInstance = new HttpClient { BaseAddress = fixture.Second.BaseAddress };
        var id = await CreateAsync(vendor, "Lantern");
        Assert.Equal("Lantern", await NameAsync(otherInstance, id));

        using var renamed = await vendor.PutAsJsonAsync($"/api/products/{id}", new { name = "Storm Lantern" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        // Eviction reaches the other instance through Redis, a moment after the write has answered.
        var name = "Lantern";
        for (var attempt = 0; attempt < 50 && name == "Lantern"; attempt++)
        {
            await Task.Delay(20);
            name = await NameAsync(otherInstance, id);
        }

        Assert.Equal("Storm Lantern", name);
    }

    [Fact]
    public async Task Public_reads_are_cached_but_other_services_always_read_the_database()
    {
        using var vendor = fixture.ClientAs(Vendor, Roles.Vendor);
        using var visitor = fixture.CreateClient();
        using var service = fixture.CreateClient().WithInternalToken();
        var id = await CreateAsync(vendor, "Compass");
        Assert.Equal("Compass", await NameAsync(visitor, id));

        await RenameBehindTheServicesBackAsync(id, "Brass Compass");

        Assert.Equal("Compass", await NameAsync(visitor, id));
        Assert.Equal("Brass Compass", await NameAsync(service, id));
    }

    private static async Task<Guid> CreateAsync(HttpClient vendor, string name)
    {
        using var response = await vendor.PostAsJsonAsync("/api/products", new { name, description = "Camping gear", price = 12.5m, category = "Outdoors" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (Guid)(await response.ReadJsonAsync())["data"]!["id"]!;
    }

    private static async Task<string> NameAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/products/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.ReadJsonAsync())["data"]!["name"]!;
    }

    /// <summary>Changes the stored document directly, so no eviction happens and a cached read shows the old name.</summary>
    private async Task RenameBehindTheServicesBackAsync(Guid id, string name)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE products SET doc = jsonb_set(doc, '{name}', to_jsonb(@name::text)) WHERE id = @id", connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
