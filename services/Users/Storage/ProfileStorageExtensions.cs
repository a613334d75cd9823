using Marketplace.Users.Storage.Mongo;
using Marketplace.Users.Storage.Postgres;
using MongoDB.Driver;

namespace Marketplace.Users.Storage;

public static class ProfileStorageExtensions
{
    public const string MongoConnectionName = "Mongo";
    private const string DefaultMongoDatabase = "user_service";

    /// <summary>MongoDB when <c>ConnectionStrings:Mongo</c> is set, otherwise jsonb documents in the service's PostgreSQL.</summary>
    public static IServiceCollection AddProfileStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var mongo = configuration.GetConnectionString(MongoConnectionName);
        if (string.IsNullOrWhiteSpace(mongo))
        {
            services.AddScoped<IProfileRepository, PostgresProfileRepository>();
            return services;
        }

        var url = MongoUrl.Create(mongo);
        services.AddSingleton<IMongoClient>(_ => new MongoClient(url));
        services.AddSingleton(provider => provider.GetRequiredService<IMongoClient>()
            .GetDatabase(url.DatabaseName ?? DefaultMongoDatabase)
            .GetCollection<MongoProfileDocument>(MongoProfileDefinitions.CollectionName));
        services.AddScoped<IProfileRepository, MongoProfileRepository>();
        services.AddSingleton<IDocumentStoreSetup, MongoProfileStoreSetup>();
        services.AddHealthChecks().AddCheck<MongoHealthCheck>("mongo", tags: ["ready"]);
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
