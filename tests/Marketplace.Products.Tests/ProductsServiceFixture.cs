using Marketplace.Products.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

/// <summary>The product service on a real port with its own fresh database, the shared test Redis and its own event streams.</summary>
public class ProductsServiceFixture : IAsyncLifetime
{
    public ServiceHost<ProductsDbContext> Host { get; private set; } = null!;
    public string RedisConnectionString { get; private set; } = null!;
    public string PubSubName { get; } = $"pubsub-{Guid.NewGuid():N}";

    public virtual async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var redis = await RedisServer.SharedAsync();
        RedisConnectionString = redis.ConnectionString;
        var settings = TestSettings.For(await postgres.CreateDatabaseAsync("products"), RedisConnectionString);
        settings["Marketplace:EventBus:PubSubName"] = PubSubName;
        Configure(settings);
        Host = new ServiceHost<ProductsDbContext>(settings);
        Host.CreateHttpClient().Dispose();
    }

    public HttpClient CreateClient() => new() { BaseAddress = Host.BaseAddress };

    public HttpClient ClientAs(Guid userId, string role) => CreateClient().WithBearer(TestJwt.TokenFor(userId, role));

    public virtual async ValueTask DisposeAsync() => await Host.DisposeAsync();

    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }
}

/// <summary>The service started with the demo catalog topped up to <see cref="Size"/> products (curated and generated).</summary>
public class DemoCatalogFixture : ProductsServiceFixture
{
    public const int Size = 300;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Marketplace:Products:SeedDemoCatalog"] = "true";
        settings["Marketplace:Products:SeedDemoCatalogSize"] = Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
