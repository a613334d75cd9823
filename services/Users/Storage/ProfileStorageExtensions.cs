using System.Runtime.CompilerServices;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Users.Storage.Mongo;
using Marketplace.Users.Storage.Postgres;
using MongoDB.Driver;

namespace Marketplace.Users.Storage;

public static class ProfileStorageExtensions
{
    private const string DefaultMongoDatabase = "user_service";

    /// <summary>MongoDB when <c>ConnectionStrings:Mongo</c> is set, otherwise jsonb documents in the service's PostgreSQL.</summary>
    public static IServiceCollection AddProfileStorage(this IServiceCollection services, IConfiguration configuration)
    {
        if (!services.AddMongoDocumentStoreIfConfigured(configuration, DefaultMongoDatabase))
        {
            services.AddScoped<IProfileRepository, PostgresProfileRepository>();
            return services;
        }

        return services.AddMongoProfileStorage();
    }

    // Apart, so the PostgreSQL configuration never loads the MongoDB driver.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IServiceCollection AddMongoProfileStorage(this IServiceCollection services)
    {
        services.AddSingleton(provider => provider.GetRequiredService<IMongoDatabase>()
            .GetCollection<MongoProfileDocument>(MongoProfileDefinitions.CollectionName));
        services.AddScoped<IProfileRepository, MongoProfileRepository>();
        services.AddSingleton<IDocumentStoreSetup, MongoProfileStoreSetup>();
        return services;
    }
}
