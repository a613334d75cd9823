using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Products.Infrastructure;
using Marketplace.Products.Storage.Mongo;
using Marketplace.Products.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace Marketplace.Products.Storage;

public static class ProductStorageExtensions
{
    public const string MongoConnectionName = "Mongo";

    /// <summary>
    /// MongoDB when <c>ConnectionStrings:Mongo</c> is set (products and their outbox in MongoDB, no PostgreSQL);
    /// otherwise jsonb documents and the outbox in the service's PostgreSQL database.
    /// </summary>
    public static WebApplicationBuilder AddProductStorage(this WebApplicationBuilder builder)
    {
        var mongo = builder.Configuration.GetConnectionString(MongoConnectionName);
        if (string.IsNullOrWhiteSpace(mongo))
        {
            builder.AddServiceDatabase<ProductsDbContext>();
            builder.AddEventBus<ProductsDbContext>();
            builder.Services.AddScoped<IProductRepository, PostgresProductRepository>();
            return builder;
        }

        builder.AddEventTransport();
        builder.Services.AddSingleton(MongoProductStore.Connect(mongo));
        builder.Services.AddSingleton<IProductRepository, MongoProductRepository>();
        builder.Services.AddHostedService<MongoOutboxRelay>();
        builder.Services.AddHealthChecks().AddCheck<MongoHealthCheck>("mongo", tags: ["ready"]);
        return builder;
    }

    /// <summary>Applies the jsonb migrations, or creates the MongoDB indexes, before the service takes traffic.</summary>
    public static async Task PrepareProductStoreAsync(this WebApplication app)
    {
        var mongo = app.Services.GetService<MongoProductStore>();
        if (mongo is null)
        {
            await app.MigrateDatabaseAsync<ProductsDbContext>();
            return;
        }

        var retention = app.Services.GetRequiredService<IOptions<EventBusOptions>>().Value.PublishedRetention;
        await mongo.CreateIndexesAsync(retention, app.Lifetime.ApplicationStopping);
    }
}
