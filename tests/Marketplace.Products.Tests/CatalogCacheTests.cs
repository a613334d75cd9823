using System.Net;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Products.Infrastructure;
using Marketplace.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Marketplace.Products.Tests.CatalogReads;

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

        await RenameAsync(vendor, id, "Storm Lantern");

        // Eviction reaches the other instance through Redis, a moment after the write has answered.
        Assert.Equal("Storm Lantern", await NameOnceChangedAsync(otherInstance, id, "Lantern"));
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

    [Fact]
    public async Task Cached_reads_are_held_where_the_idle_trim_can_drop_them_once_expired()
    {
        using var vendor = fixture.ClientAs(Vendor, Roles.Vendor);
        using var visitor = fixture.CreateClient();
        var store = fixture.Host.Services.GetRequiredService<IOutputCacheStore>();
        var id = await CreateAsync(vendor, "Sextant");

        await NameAsync(visitor, id);

        var responses = Assert.IsType<InMemoryOutputCacheStore>(store);
        Assert.True(responses.Size > 0, "the read was cached");
        Assert.Contains(responses, fixture.Host.Services.GetServices<IIdleMemoryRelease>());
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
