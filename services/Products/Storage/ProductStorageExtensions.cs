using System.Runtime.CompilerServices;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Products.Infrastructure;
using Marketplace.Products.Storage.Mongo;
using Marketplace.Products.Storage.Postgres;

namespace Marketplace.Products.Storage;

public static class ProductStorageExtensions
{
    /// <summary>
    /// MongoDB when <c>ConnectionStrings:Mongo</c> is set (products and their outbox in MongoDB, no PostgreSQL);
    /// otherwise jsonb documents and the outbox in the service's PostgreSQL database.
    /// </summary>
    public static WebApplicationBuilder AddProductStorage(this WebApplicationBuilder builder)
    {
        if (!builder.Services.AddMongoDocumentStoreIfConfigured(builder.Configuration, MongoProductStore.DefaultDatabase))
        {
            // Catalog lists filter by price ranges and search terms, whose best plan depends on the values.
            builder.AddServiceDatabase<ProductsDbContext>(genericPlans: false);
            builder.AddEventBus<ProductsDbContext>();
            builder.Services.AddScoped<IProductRepository, PostgresProductRepository>();
            return builder;
        }

        return builder.AddMongoProductStorage();
    }

    // Apart, so the PostgreSQL configuration never loads the MongoDB driver.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WebApplicationBuilder AddMongoProductStorage(this WebApplicationBuilder builder)
    {
        builder.AddEventTransport();
        builder.Services.AddSingleton<MongoProductStore>();
        builder.Services.AddSingleton<IProductRepository, MongoProductRepository>();
        builder.Services.AddSingleton<IDocumentStoreSetup, MongoProductStoreSetup>();
        builder.Services.AddHostedService<MongoOutboxRelay>();
        return builder;
    }
}
