using Marketplace.BuildingBlocks.Persistence;
using Npgsql;

namespace Marketplace.Checkout.Infrastructure;

/// <summary>Saga and step rows as SQL, and the readers of their result sets.</summary>
public static class SagaRows
{
    public const string SagaColumns = """
        id, user_id, idempotency_key, request_hash, input, status, step, result, lease_owner, lease_expires_at,
        next_attempt_at, attempts, deadline_at, created_at, updated_at, completed_at
        """;

    private const string StepColumns = "checkout_id, name, result, error, recorded_at";

    /// <summary>The sagas matching <paramref name="condition"/>.</summary>
    public static NpgsqlBatchCommand Sagas(string condition, params NpgsqlParameter[] parameters) =>
        SqlRows.Command($"SELECT {SagaColumns} FROM checkouts WHERE {condition}", parameters);

    /// <summary>The recorded steps of the given sagas, oldest first.</summary>
    public static NpgsqlBatchCommand Steps(Guid[] sagaIds) =>
        SqlRows.Command($"SELECT {StepColumns} FROM checkout_steps WHERE checkout_id = ANY(@ids) ORDER BY recorded_at", ("ids", sagaIds));

    public static Task<List<CheckoutSaga>> SagasAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        reader.ReadAllAsync(
            row => new CheckoutSaga
            {
                Id = row.GetGuid(0),
                UserId = row.GetGuid(1),
                IdempotencyKey = row.GetNullableString(2),
                RequestHash = row.GetString(3),
                Input = row.GetString(4),
                Status = Enum.Parse<SagaStatus>(row.GetString(5)),
                Step = row.GetNullableString(6),
                Result = row.GetNullableString(7),
                LeaseOwner = row.GetNullableString(8),
                LeaseExpiresAt = row.GetNullableDateTimeOffset(9),
                NextAttemptAt = row.GetFieldValue<DateTimeOffset>(10),
                Attempts = row.GetInt32(11),
                DeadlineAt = row.GetFieldValue<DateTimeOffset>(12),
                CreatedAt = row.GetFieldValue<DateTimeOffset>(13),
                UpdatedAt = row.GetFieldValue<DateTimeOffset>(14),
                CompletedAt = row.GetNullableDateTimeOffset(15),
            },
            cancellationToken);

    public static Task<List<CheckoutStepRecord>> StepsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        reader.ReadAllAsync(
            row => new CheckoutStepRecord
            {
                CheckoutId = row.GetGuid(0),
                Name = row.GetString(1),
                Result = row.GetNullableString(2),
                Error = row.GetNullableString(3),
                RecordedAt = row.GetFieldValue<DateTimeOffset>(4),
            },
            cancellationToken);
}
