using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Testing;
using Marketplace.Users.Infrastructure;
using Marketplace.Users.Storage;
using Marketplace.Users.Storage.Postgres;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Users.Tests.Storage;

/// <summary>A migrated database of its own; every repository gets its own context, as every request gets its own scope.</summary>
public sealed class PostgresProfileStore : IAsyncLifetime
{
    private readonly List<UsersDbContext> _contexts = [];
    private DbContextOptions<UsersDbContext> _options = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        _options = DatabaseExtensions.Configure(new DbContextOptionsBuilder<UsersDbContext>(), await postgres.CreateDatabaseAsync("users_store")).Options;
        await using var db = new UsersDbContext(_options);
        await db.Database.MigrateAsync();
    }

    public IProfileRepository NewRepository()
    {
        var db = new UsersDbContext(_options);
        lock (_contexts)
        {
            _contexts.Add(db);
        }

        return new PostgresProfileRepository(db, TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _contexts)
        {
            await db.DisposeAsync();
        }
    }
}

public sealed class PostgresProfileRepositoryTests(PostgresProfileStore store) : ProfileRepositoryContract, IClassFixture<PostgresProfileStore>
{
    protected override IProfileRepository NewRepository() => store.NewRepository();
}
