using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>
/// Where a service keeps its documents: in MongoDB when <c>ConnectionStrings:Mongo</c> is set, otherwise as jsonb in
/// its PostgreSQL database.
/// </summary>
public static class DocumentStoreExtensions
{
    public const string MongoConnectionName = "Mongo";

    /// <summary>
    /// When <c>ConnectionStrings:Mongo</c> is set, registers its client and the database it names (else
    /// <paramref name="defaultDatabase"/>) with a readiness check, and returns true; otherwise registers nothing and
    /// returns false, and the documents stay in PostgreSQL.
    /// </summary>
    public static bool AddMongoDocumentStoreIfConfigured(this IServiceCollection services, IConfiguration configuration, string defaultDatabase)
    {
        var connectionString = configuration.GetConnectionString(MongoConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        AddMongoDocumentStore(services, connectionString, defaultDatabase);
        return true;
    }

    // Apart, so a service that keeps its documents in PostgreSQL never loads the MongoDB driver.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddMongoDocumentStore(IServiceCollection services, string connectionString, string defaultDatabase)
    {
        var url = MongoUrl.Create(connectionString);
        services.AddSingleton<IMongoClient>(_ => new MongoClient(url));
        services.AddSingleton(provider => provider.GetRequiredService<IMongoClient>().GetDatabase(url.DatabaseName ?? defaultDatabase));
        services.AddHealthChecks().AddCheck<MongoHealthCheck>("mongo", tags: ["ready"]);
    }

    /// <summary>
    /// Before the service takes traffic: applies the <typeparamref name="TDbContext"/> migrations when the service
    /// uses its PostgreSQL database, then runs every <see cref="IDocumentStoreSetup"/> (MongoDB indexes).
    /// </summary>
    public static async Task PrepareDocumentStoreAsync<TDbContext>(this WebApplication app)
        where TDbContext : DbContext
    {
        if (app.Services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(TDbContext)))
        {
            await app.MigrateDatabaseAsync<TDbContext>();
        }

        foreach (var setup in app.Services.GetServices<IDocumentStoreSetup>())
        {
            await setup.EnsureCreatedAsync(app.Lifetime.ApplicationStopping);
        }
    }
}
