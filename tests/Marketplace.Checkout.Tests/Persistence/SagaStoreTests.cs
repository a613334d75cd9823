using Marketplace.Checkout.Infrastructure;
using Marketplace.Checkout.Saga;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Checkout.Tests.Persistence;

public sealed class SagaStoreTests(CheckoutDatabaseFixture database) : IClassFixture<CheckoutDatabaseFixture>
{
    private static CheckoutSaga NewSaga(Guid? userId = null, string? key = null) => new()
    {
        Id = Guid.NewGuid(),
        UserId = userId ?? Guid.NewGuid(),
        IdempotencyKey = key,
        RequestHash = "hash",
        Input = "{}",
        DeadlineAt = DateTimeOffset.UtcNow.AddMinutes(1),
    };

    [Fact]
    public async Task An_idempotency_key_is_unique_per_user_and_sagas_without_one_never_collide()
    {
        var store = database.CreateStore();
        var user = Guid.NewGuid();

        Assert.True(await store.TryCreateAsync(NewSaga(user, "key-1"), default));
        Assert.False(await store.TryCreateAsync(NewSaga(user, "key-1"), default));
        Assert.True(await store.TryCreateAsync(NewSaga(Guid.NewGuid(), "key-1"), default));
        Assert.True(await store.TryCreateAsync(NewSaga(user), default));
        Assert.True(await store.TryCreateAsync(NewSaga(user), default));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_exactly_one_saga()
    {
        var user = Guid.NewGuid();
        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => database.CreateStore().TryCreateAsync(NewSaga(user, "race"), default)));

        Assert.Single(created, wasCreated => wasCreated);
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.Checkouts.CountAsync(saga => saga.UserId == user));
    }

    [Fact]
    public async Task Only_the_lease_holder_can_record_steps_renew_or_complete()
    {
        var owner = database.CreateStore();
        var other = database.CreateStore();
        var saga = NewSaga();
        await owner.TryCreateAsync(saga, default);

        Assert.False(await other.RecordAsync(saga.Id, new StepRecord("OrderCreated", "{}", null), SagaPhase.Running, default));
        Assert.False(await other.RenewLeaseAsync(saga.Id, default));
        Assert.False(await other.CompleteAsync(saga.Id, "{}", default));
        Assert.True(await owner.RecordAsync(saga.Id, new StepRecord("OrderCreated", """{"order":null}""", null), SagaPhase.Running, default));
        Assert.True(await owner.RecordAsync(saga.Id, new StepRecord("OrderCancelled", null, "refused"), SagaPhase.Compensating, default));

        var stored = await owner.FindAsync(saga.Id, default);
        Assert.Equal((SagaStatus.Compensating, "OrderCancelled"), (stored!.Status, stored.Step));
        var history = await owner.HistoryAsync(saga.Id, default);
        Assert.Equal(["OrderCreated", "OrderCancelled"], history.Select(step => step.Name));
        Assert.Equal("refused", history[1].Error);

        Assert.True(await owner.CompleteAsync(saga.Id, """{"outcome":"Failed"}""", default));
        var completed = await owner.FindAsync(saga.Id, default);
        Assert.Equal(SagaStatus.Completed, completed!.Status);
        Assert.Null(completed.LeaseOwner);
        Assert.NotNull(completed.CompletedAt);
    }

    [Fact]
    public async Task A_saga_whose_lease_expired_is_claimed_by_exactly_one_instance_with_its_history()
    {
        var crashed = database.CreateStore(TimeSpan.FromMilliseconds(1));
        var saga = NewSaga();
        await crashed.TryCreateAsync(saga, default);
        await crashed.RecordAsync(saga.Id, new StepRecord("OrderCreated", """{"order":null}""", null), SagaPhase.Running, default);
        await Task.Delay(20);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => database.CreateStore().ClaimAbandonedAsync(100, default)));

        var run = Assert.Single(claims.SelectMany(claimed => claimed), claimed => claimed.SagaId == saga.Id);
        Assert.Equal(["OrderCreated"], run.History.Select(step => step.Name));
        Assert.Equal(saga.DeadlineAt.ToUnixTimeMilliseconds(), run.DeadlineAt.ToUnixTimeMilliseconds());
        Assert.False(await crashed.RecordAsync(saga.Id, new StepRecord("StockReserved", "{}", null), SagaPhase.Running, default));
    }

    [Fact]
    public async Task Live_leases_completed_sagas_and_sagas_waiting_to_retry_are_not_claimed()
    {
        var store = database.CreateStore(TimeSpan.FromMilliseconds(1));
        var live = NewSaga();
        await database.CreateStore().TryCreateAsync(live, default);
        var completed = NewSaga();
        await store.TryCreateAsync(completed, default);
        await store.CompleteAsync(completed.Id, "{}", default);
        var suspended = NewSaga();
        await store.TryCreateAsync(suspended, default);
        await store.SuspendAsync(suspended.Id, TimeSpan.FromMinutes(5), default);
        await Task.Delay(20);

        var claimed = await database.CreateStore().ClaimAbandonedAsync(1000, default);

        Assert.DoesNotContain(claimed, run => run.SagaId == live.Id || run.SagaId == completed.Id || run.SagaId == suspended.Id);
    }

    [Fact]
    public async Task The_heartbeat_extends_only_the_leases_this_instance_holds_on_the_sagas_it_names()
    {
        var owner = database.CreateStore();
        var (renewed, untouched) = (NewSaga(), NewSaga());
        await owner.TryCreateAsync(renewed, default);
        await owner.TryCreateAsync(untouched, default);
        var leasedUntil = (await owner.FindAsync(renewed.Id, default))!.LeaseExpiresAt;
        await Task.Delay(50);

        await database.CreateStore().RenewLeasesAsync([renewed.Id, untouched.Id], default);
        Assert.Equal(leasedUntil, (await owner.FindAsync(renewed.Id, default))!.LeaseExpiresAt);
        await owner.RenewLeasesAsync([renewed.Id], default);

        Assert.True((await owner.FindAsync(renewed.Id, default))!.LeaseExpiresAt > leasedUntil);
        Assert.Equal((await owner.FindAsync(untouched.Id, default))!.CreatedAt.AddSeconds(30), (await owner.FindAsync(untouched.Id, default))!.LeaseExpiresAt);
    }

    [Fact]
    public async Task The_journal_writes_of_concurrent_checkouts_share_transactions()
    {
        var store = database.CreateStore();
        var sagas = Enumerable.Range(0, 20).Select(_ => NewSaga()).ToList();
        Assert.All(await Task.WhenAll(sagas.Select(saga => store.TryCreateAsync(saga, default))), Assert.True);

        var recorded = await Task.WhenAll(sagas.Select(saga =>
            store.RecordAsync(saga.Id, new StepRecord("OrderCreated", """{"order":null}""", null), SagaPhase.Running, default)));

        Assert.All(recorded, Assert.True);
        await using var db = database.CreateDbContext();
        var ids = sagas.Select(saga => saga.Id).ToArray();
        Assert.Equal(20, await db.Steps.CountAsync(step => ids.Contains(step.CheckoutId)));
        // Rows written by one transaction carry its id in xmin.
        var transactions = await db.Database
            .SqlQuery<int>($"SELECT count(DISTINCT xmin::text)::int AS \"Value\" FROM checkout_steps WHERE checkout_id = ANY({ids})")
            .SingleAsync();
        Assert.InRange(transactions, 1, 10);
    }

    [Fact]
    public async Task A_journal_write_that_fails_fails_alone_and_the_others_of_its_batch_are_recorded()
    {
        var store = database.CreateStore();
        var sagas = Enumerable.Range(0, 10).Select(_ => NewSaga()).ToList();
        Assert.All(await Task.WhenAll(sagas.Select(saga => store.TryCreateAsync(saga, default))), Assert.True);

        var writes = sagas.Select((saga, index) =>
            store.RecordAsync(saga.Id, new StepRecord("OrderCreated", index == 3 ? "not json" : "{}", null), SagaPhase.Running, default)).ToList();

        await Assert.ThrowsAsync<PostgresException>(() => writes[3]);
        Assert.All(await Task.WhenAll(writes.Where((_, index) => index != 3)), Assert.True);
        var history = await store.HistoryAsync(sagas[3].Id, default);
        Assert.Empty(history);
        Assert.Single(await store.HistoryAsync(sagas[4].Id, default));
    }
}
