using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Checkout.Processing;
using Marketplace.Checkout.Saga;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Marketplace.Checkout.Infrastructure;

/// <summary>
/// The sagas in checkout_service. Every write that moves a saga on is conditional on this instance holding its
/// lease, and leases are timed by the database clock so that all instances agree on when one has expired. The writes
/// of a running checkout go through the <see cref="JournalWriter"/>, which commits those of concurrent checkouts together.
/// </summary>
public sealed class SagaStore(CheckoutDbContext db, JournalWriter journal, SagaLease lease, CrashHook crashHook) : ISagaJournal
{
    /// <summary>Stores a new saga leased to this instance; false when the user already used its idempotency key.</summary>
    public async Task<bool> TryCreateAsync(CheckoutSaga saga, CancellationToken cancellationToken) =>
        await journal.ExecuteAsync(saga.Id, """
            INSERT INTO checkouts (id, user_id, idempotency_key, request_hash, input, status, lease_owner, lease_expires_at,
                                   next_attempt_at, attempts, deadline_at, created_at, updated_at)
            VALUES (@id, @user_id, @idempotency_key, @request_hash, @input::jsonb, @status, @lease_owner, now() + @lease_duration,
                    now(), 1, @deadline_at, now(), now())
            ON CONFLICT (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            """,
            [
                new NpgsqlParameter<Guid>("id", saga.Id), new NpgsqlParameter<Guid>("user_id", saga.UserId),
                Text("idempotency_key", saga.IdempotencyKey), Text("request_hash", saga.RequestHash), Text("input", saga.Input),
                Text("status", nameof(SagaStatus.Running)), .. LeaseParameters(),
                new NpgsqlParameter<DateTimeOffset>("deadline_at", saga.DeadlineAt),
            ],
            cancellationToken) == 1;

    public async Task<bool> RecordAsync(Guid sagaId, StepRecord record, SagaPhase phase, CancellationToken cancellationToken)
    {
        var recorded = await journal.ExecuteAsync(sagaId, """
            WITH owned AS (
                UPDATE checkouts SET step = @name, status = @status, lease_expires_at = now() + @lease_duration, updated_at = now()
                WHERE id = @id AND lease_owner = @lease_owner
                RETURNING id)
            INSERT INTO checkout_steps (checkout_id, name, result, error, recorded_at)
            SELECT id, @name, @result::jsonb, @error, now() FROM owned
            ON CONFLICT (checkout_id, name) DO NOTHING
            """,
            [
                new NpgsqlParameter<Guid>("id", sagaId), Text("name", record.Name), Text("status", phase.ToString()),
                Text("result", record.Result), Text("error", record.Error), .. LeaseParameters(),
            ],
            cancellationToken);
        if (recorded == 1)
        {
            crashHook.AfterRecorded(record.Name);
        }

        return recorded == 1;
    }

    public async Task<bool> RenewLeaseAsync(Guid sagaId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE checkouts SET lease_expires_at = now() + {lease.Duration}
            WHERE id = {sagaId} AND lease_owner = {lease.Owner}
            """, cancellationToken) == 1;

    /// <summary>
    /// Extends the leases of the sagas this instance is driving, so a slow call never costs a live instance its saga.
    /// The rows are locked in id order, as the journal's batches lock them.
    /// </summary>
    public Task RenewLeasesAsync(Guid[] sagaIds, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE checkouts SET lease_expires_at = now() + {lease.Duration}
            WHERE id IN (SELECT id FROM checkouts WHERE id = ANY({sagaIds}) AND lease_owner = {lease.Owner} ORDER BY id FOR UPDATE)
            """, cancellationToken);

    public async Task<bool> CompleteAsync(Guid sagaId, string result, CancellationToken cancellationToken) =>
        await journal.ExecuteAsync(sagaId, """
            UPDATE checkouts SET status = @status, result = @result::jsonb, lease_owner = NULL, lease_expires_at = NULL,
                                 completed_at = now(), updated_at = now()
            WHERE id = @id AND lease_owner = @lease_owner
            """,
            [new NpgsqlParameter<Guid>("id", sagaId), Text("status", nameof(SagaStatus.Completed)), Text("result", result), .. LeaseParameters()],
            cancellationToken) == 1;

    /// <summary>Gives the saga up so that the recovery worker (of any instance) resumes it after <paramref name="retryAfter"/>.</summary>
    public Task SuspendAsync(Guid sagaId, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE checkouts SET lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = now() + {retryAfter}, updated_at = now()
            WHERE id = {sagaId} AND lease_owner = {lease.Owner}
            """, cancellationToken);

    private NpgsqlParameter[] LeaseParameters() =>
        [new NpgsqlParameter<string>("lease_owner", lease.Owner), new NpgsqlParameter<TimeSpan>("lease_duration", lease.Duration)];

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    /// <summary>Leases up to <paramref name="batchSize"/> unfinished sagas whose lease expired; other instances skip the rows being claimed.</summary>
    public async Task<IReadOnlyList<SagaRun>> ClaimAbandonedAsync(int batchSize, CancellationToken cancellationToken)
    {
        var claim = SqlRows.Command(
            $"""
                UPDATE checkouts SET lease_owner = @lease_owner, lease_expires_at = now() + @lease_duration, attempts = attempts + 1, updated_at = now()
                WHERE id IN (
                    SELECT id FROM checkouts
                    WHERE status <> @completed AND next_attempt_at <= now()
                      AND (lease_expires_at IS NULL OR lease_expires_at < now())
                    ORDER BY next_attempt_at
                    LIMIT @batch_size
                    FOR UPDATE SKIP LOCKED)
                RETURNING {SagaRows.SagaColumns}
                """,
            [.. LeaseParameters(), Text("completed", nameof(SagaStatus.Completed)), new NpgsqlParameter<int>("batch_size", batchSize)]);
        var claimed = await db.ReadBatchAsync([claim], SagaRows.SagasAsync, cancellationToken);
        if (claimed.Count == 0)
        {
            return [];
        }

        var history = (await db.ReadBatchAsync([SagaRows.Steps([.. claimed.Select(saga => saga.Id)])], SagaRows.StepsAsync, cancellationToken))
            .ToLookup(step => step.CheckoutId);
        return claimed.Select(saga => new SagaRun(saga.Id, saga.Input, saga.DeadlineAt,
            history[saga.Id].Select(step => new StepRecord(step.Name, step.Result, step.Error)).ToList())).ToList();
    }

    public async Task<CheckoutSaga?> FindAsync(Guid sagaId, CancellationToken cancellationToken) =>
        (await db.ReadBatchAsync([SagaRows.Sagas("id = @id", new NpgsqlParameter<Guid>("id", sagaId))], SagaRows.SagasAsync, cancellationToken))
        .SingleOrDefault();

    public async Task<CheckoutSaga?> FindByKeyAsync(Guid userId, string idempotencyKey, CancellationToken cancellationToken) =>
        (await db.ReadBatchAsync(
            [SagaRows.Sagas("user_id = @user_id AND idempotency_key = @idempotency_key", new NpgsqlParameter<Guid>("user_id", userId), Text("idempotency_key", idempotencyKey))],
            SagaRows.SagasAsync,
            cancellationToken))
        .SingleOrDefault();

    public async Task<IReadOnlyList<CheckoutStepRecord>> HistoryAsync(Guid sagaId, CancellationToken cancellationToken) =>
        await db.ReadBatchAsync([SagaRows.Steps([sagaId])], SagaRows.StepsAsync, cancellationToken);
}
