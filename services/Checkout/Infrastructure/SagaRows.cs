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
        WithParameters(new NpgsqlBatchCommand($"SELECT {SagaColumns} FROM checkouts WHERE {condition}"), parameters);

    /// <summary>The recorded steps of the given sagas, oldest first.</summary>
    public static NpgsqlBatchCommand Steps(Guid[] sagaIds) =>
        new($"SELECT {StepColumns} FROM checkout_steps WHERE checkout_id = ANY(@ids) ORDER BY recorded_at") { Parameters = { new("ids", sagaIds) } };

    public static async Task<List<CheckoutSaga>> SagasAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var sagas = new List<CheckoutSaga>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sagas.Add(new CheckoutSaga
            {
                Id = reader.GetGuid(0),
                UserId = reader.GetGuid(1),
                IdempotencyKey = NullableString(reader, 2),
                RequestHash = reader.GetString(3),
                Input = reader.GetString(4),
                Status = Enum.Parse<SagaStatus>(reader.GetString(5)),
                Step = NullableString(reader, 6),
                Result = NullableString(reader, 7),
                LeaseOwner = NullableString(reader, 8),
                LeaseExpiresAt = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(10),
                Attempts = reader.GetInt32(11),
                DeadlineAt = reader.GetFieldValue<DateTimeOffset>(12),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(13),
                UpdatedAt = reader.GetFieldValue<DateTimeOffset>(14),
                CompletedAt = reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15),
            });
        }

        return sagas;
    }

    public static async Task<List<CheckoutStepRecord>> StepsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var steps = new List<CheckoutStepRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add(new CheckoutStepRecord
            {
                CheckoutId = reader.GetGuid(0),
                Name = reader.GetString(1),
                Result = NullableString(reader, 2),
                Error = NullableString(reader, 3),
                RecordedAt = reader.GetFieldValue<DateTimeOffset>(4),
            });
        }

        return steps;
    }

    public static NpgsqlBatchCommand WithParameters(NpgsqlBatchCommand command, NpgsqlParameter[] parameters)
    {
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
