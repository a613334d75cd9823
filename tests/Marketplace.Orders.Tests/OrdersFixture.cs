using Marketplace.Gateway.Routing;
using Marketplace.Orders.Infrastructure;
using Marketplace.Products.Infrastructure;
using Marketplace.Testing;

[assembly: AssemblyFixture(typeof(Marketplace.Orders.Tests.OrdersFixture))]

namespace Marketplace.Orders.Tests;

/// <summary>
/// The real product service, the order service and the gateway in front of them, each on a real port with its own
/// database. Products and orders share one pub/sub name, so the catalog's events reach the order service.
/// Every test works with users and products of its own, so the test classes share these hosts and run in parallel.
/// </summary>
public sealed class OrdersFixture : IAsyncLifetime
{
    public ServiceHost<ProductsDbContext> Products { get; private set; } = null!;
    public ServiceHost<OrdersDbContext> Orders { get; private set; } = null!;
    public ServiceHost<GatewayOptions> Gateway { get; private set; } = null!;
    public string PubSubName { get; } = $"pubsub-{Guid.NewGuid():N}";
    public string RedisConnectionString { get; private set; } = null!;
    public string OrdersDatabase { get; private set; } = null!;
    public Catalog Catalog { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var redis = await RedisServer.SharedAsync();
        RedisConnectionString = redis.ConnectionString;

        var productSettings = Settings(await postgres.CreateDatabaseAsync("products"));
        Products = new ServiceHost<ProductsDbContext>(productSettings);
        Products.CreateHttpClient().Dispose();

        OrdersDatabase = await postgres.CreateDatabaseAsync("orders");
        Orders = StartOrders(OrdersDatabase, Products.BaseAddress.ToString(), PubSubName);

        Gateway = GatewayHost.Start(null, ("orders", Orders.BaseAddress), ("products", Products.BaseAddress));
        Catalog = new Catalog(Products.BaseAddress);
    }

    /// <summary>
    /// An order service of its own on a database of its own, calling the product service at
    /// <paramref name="productsUrl"/>. Unless given the shared pub/sub name it hears no catalog events: in the same
    /// consumer group as the main order service, it would take some of them away from it.
    /// </summary>
    public ServiceHost<OrdersDbContext> StartOrders(string databaseConnectionString, string productsUrl, string? pubSubName = null)
    {
        var settings = Settings(databaseConnectionString);
        settings["Marketplace:Services:products"] = productsUrl;
        settings["Marketplace:EventBus:PubSubName"] = pubSubName ?? $"pubsub-{Guid.NewGuid():N}";
        var orders = new ServiceHost<OrdersDbContext>(settings);
        orders.CreateHttpClient().Dispose();
        return orders;
    }

    /// <summary>A client of the order service itself, signed in as <paramref name="token"/> when given.</summary>
    public HttpClient OrdersClient(string? token = null) => Client(Orders.BaseAddress, token);

    /// <summary>A client of the order service that presents the service credential, as checkout would.</summary>
    public HttpClient InternalClient() => OrdersClient().WithInternalToken();

    public HttpClient GatewayClient(string? token = null) => Client(Gateway.BaseAddress, token);

    public async ValueTask DisposeAsync()
    {
        Catalog.Dispose();
        await Gateway.DisposeAsync();
        await Orders.DisposeAsync();
        await Products.DisposeAsync();
    }

    private static HttpClient Client(Uri baseAddress, string? token)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        return token is null ? client : client.WithBearer(token);
    }

    private Dictionary<string, string?> Settings(string databaseConnectionString)
    {
        var settings = TestSettings.For(databaseConnectionString, RedisConnectionString);
        settings["Marketplace:EventBus:PubSubName"] = PubSubName;
        return settings;
    }
}
