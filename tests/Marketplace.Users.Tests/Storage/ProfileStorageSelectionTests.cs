using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Users.Infrastructure;
using Marketplace.Users.Storage;
using Marketplace.Users.Storage.Mongo;
using Marketplace.Users.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;

namespace Marketplace.Users.Tests.Storage;

/// <summary>Which backend the service stores profiles in, by configuration (no connection is opened here).</summary>
public sealed class ProfileStorageSelectionTests
{
    [Fact]
    public void Without_a_mongo_connection_string_profiles_are_jsonb_documents_in_postgres()
    {
        using var provider = Build(new Dictionary<string, string?>());
        using var scope = provider.CreateScope();

        Assert.IsType<PostgresProfileRepository>(scope.ServiceProvider.GetRequiredService<IProfileRepository>());
        Assert.Empty(provider.GetServices<IDocumentStoreSetup>());
    }

    [Theory]
    [InlineData("mongodb://127.0.0.1:27017/users_db", "users_db.user_profiles")]
    [InlineData("mongodb://127.0.0.1:27017", "user_service.user_profiles")]
    public void A_mongo_connection_string_stores_profiles_in_its_collection(string connectionString, string collection)
    {
        using var provider = Build(new Dictionary<string, string?> { ["ConnectionStrings:Mongo"] = connectionString });
        using var scope = provider.CreateScope();

        Assert.IsType<MongoProfileRepository>(scope.ServiceProvider.GetRequiredService<IProfileRepository>());
        Assert.Equal(collection, provider.GetRequiredService<IMongoCollection<MongoProfileDocument>>().CollectionNamespace.FullName);
        Assert.IsType<MongoProfileStoreSetup>(Assert.Single(provider.GetServices<IDocumentStoreSetup>()));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<UsersDbContext>(options => DatabaseExtensions.Configure(options, "Host=127.0.0.1;Database=unused"));
        services.AddProfileStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
