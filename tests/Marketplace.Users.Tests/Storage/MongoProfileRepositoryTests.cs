using Marketplace.Users.Storage;
using Marketplace.Users.Storage.Mongo;
using MongoDB.Driver;

namespace Marketplace.Users.Tests.Storage;

/// <summary>
/// A throwaway database on the MongoDB server named by <c>MARKETPLACE_TEST_MONGO</c> (a connection string);
/// without it, the MongoDB contract tests are skipped, since no MongoDB server can run on our machines.
/// </summary>
public sealed class MongoProfileStore : IAsyncLifetime
{
    public const string Variable = "MARKETPLACE_TEST_MONGO";

    private IMongoClient? _client;
    private string _database = "";
    private IMongoCollection<MongoProfileDocument>? _profiles;

    public async ValueTask InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        _client = new MongoClient(connectionString);
        _database = $"user_service_test_{Guid.NewGuid():N}";
        _profiles = _client.GetDatabase(_database).GetCollection<MongoProfileDocument>(MongoProfileDefinitions.CollectionName);
        await new MongoProfileStoreSetup(_profiles).EnsureCreatedAsync(CancellationToken.None);
    }

    public IProfileRepository NewRepository()
    {
        if (_profiles is null)
        {
            Assert.Skip($"{Variable} is not set: no MongoDB server to run the contract against.");
        }

        return new MongoProfileRepository(_profiles, TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DropDatabaseAsync(_database);
            _client.Dispose();
        }
    }
}

public sealed class MongoProfileRepositoryTests(MongoProfileStore store) : ProfileRepositoryContract, IClassFixture<MongoProfileStore>
{
    protected override IProfileRepository NewRepository() => store.NewRepository();
}
