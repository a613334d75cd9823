using Marketplace.Products.Storage.Mongo;
using Marketplace.Products.Storage.Postgres;
using MongoDB.Driver;

namespace Marketplace.Products.Storage;

public static class ProductStorageExtensions
{
    public const string MongoConnectionName = "Mongo";
    private const string DefaultMongoDatabase = "product_service";

    /// <summary>MongoDB when <c>ConnectionStrings:Mongo</c> is set, otherwise jsonb documents in the service's PostgreSQL.</summary>
    public static IServiceCollection AddProductStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var mongo = configuration.GetConnectionString(MongoConnectionName);
        if (string.IsNullOrWhiteSpace(mongo))
        {
            services.AddScoped<IProductRepository, PostgresProductRepository>();
            return services;
        }

        var url = MongoUrl.Create(mongo);
        services.AddSingleton<IMongoClient>(_ => new MongoClient(url));
        services.AddSingleton(provider => provider.GetRequiredService<IMongoClient>()
            .GetDatabase(url.DatabaseName ?? DefaultMongoDatabase)
            .GetCollection<MongoProductDocument>("products"));
        services.AddScoped<IProductRepository, MongoProductRepository>();
        services.AddSingleton<IDocumentStoreSetup, MongoProductStoreSetup>();
        return services;
    }

    /// <summary>Creates what the document store needs (MongoDB indexes); the jsonb store is set up by migrations.</summary>
    public static async Task EnsureDocumentStoreAsync(this WebApplication app)
    {
        foreach (var setup in app.Services.GetServices<IDocumentStoreSetup>())
        {
            await setup.EnsureCreatedAsync(app.Lifetime.ApplicationStopping);
        }
    }
}
