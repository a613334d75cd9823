using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Checkout.Infrastructure;
using Marketplace.Checkout.Processing;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketplace.Checkout.Tests.Persistence;

/// <summary>A migrated checkout_service database of its own, and stores acting as separate instances.</summary>
public sealed class CheckoutDatabaseFixture : IAsyncLifetime
{
    private string _connectionString = null!;

    public JournalWriter Journal { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("checkout_store");
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync();
        Journal = new JournalWriter(_connectionString, NullLogger<JournalWriter>.Instance);
    }

    public CheckoutDbContext CreateDbContext() =>
        new(DatabaseExtensions.Configure(new DbContextOptionsBuilder<CheckoutDbContext>(), _connectionString).Options);

    /// <summary>A store as one checkout instance sees it: its own lease owner id.</summary>
    public SagaStore CreateStore(TimeSpan? leaseDuration = null)
    {
        var options = Options.Create(new CheckoutOptions { LeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(30) });
        return new SagaStore(CreateDbContext(), Journal, new SagaLease(options), new CrashHook(options, NullLogger<CrashHook>.Instance));
    }

    public ValueTask DisposeAsync() => Journal.DisposeAsync();
}
