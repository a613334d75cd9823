using System.Data.Common;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class AllOrNothingTransactionTests
{
    [Fact]
    public async Task A_save_in_an_all_or_nothing_transaction_takes_no_savepoint_and_the_pooled_context_takes_them_again_afterwards()
    {
        var environment = await ProbeEnvironment.CreateAsync();
        var savepoints = new SavepointCounter();
        var services = new ServiceCollection();
        services.AddDbContextPool<ProbeDbContext>(options =>
            DatabaseExtensions.Configure(options, environment.DatabaseConnectionString).AddInterceptors(savepoints), poolSize: 1);
        await using var provider = services.BuildServiceProvider();

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
            await db.Database.EnsureCreatedAsync();
            await using var transaction = await db.Database.BeginAllOrNothingTransactionAsync(CancellationToken.None);
            db.Handled.Add(new HandledEvent { EventId = Guid.NewGuid(), Note = "all or nothing" });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.Equal(0, savepoints.Created);

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Handled.Add(new HandledEvent { EventId = Guid.NewGuid(), Note = "default" });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.Equal(1, savepoints.Created);
        await using var check = ProbeDbContext.Open(environment.DatabaseConnectionString);
        Assert.Equal(["all or nothing", "default"], (await check.Handled.Select(h => h.Note).ToListAsync()).Order());
    }

    [Fact]
    public async Task A_failed_save_leaves_nothing_of_an_all_or_nothing_transaction()
    {
        var environment = await ProbeEnvironment.CreateAsync();
        var duplicate = Guid.NewGuid();
        await using (var db = ProbeDbContext.Open(environment.DatabaseConnectionString))
        {
            await db.Database.EnsureCreatedAsync();
            db.Handled.Add(new HandledEvent { EventId = duplicate, Note = "first" });
            await db.SaveChangesAsync();
        }

        await using (var db = ProbeDbContext.Open(environment.DatabaseConnectionString))
        {
            await using var transaction = await db.Database.BeginAllOrNothingTransactionAsync(CancellationToken.None);
            db.Handled.Add(new HandledEvent { EventId = Guid.NewGuid(), Note = "saved before the failure" });
            await db.SaveChangesAsync();
            db.Handled.Add(new HandledEvent { EventId = duplicate, Note = "second" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = ProbeDbContext.Open(environment.DatabaseConnectionString);
        Assert.Equal(["first"], await check.Handled.Select(h => h.Note).ToListAsync());
    }

    private sealed class SavepointCounter : DbTransactionInterceptor
    {
        public int Created { get; private set; }

        public override Task CreatedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
        {
            Created++;
            return Task.CompletedTask;
        }
    }
}
