using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Payments.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Marketplace.Payments.Infrastructure;

/// <summary>Reads and writes of payment transactions as SQL commands, for the charge and refund paths.</summary>
public static class TransactionRows
{
    private const string Columns = """
        id, order_id, idempotency_key, user_id, amount, currency, status, payment_method, provider_transaction_id,
        failure_reason, created_at, updated_at, refunded_at, xmin
        """;

    private const string InsertSql = """
        INSERT INTO transactions (id, order_id, idempotency_key, user_id, amount, currency, status, payment_method, created_at, updated_at)
        VALUES (@id, @order_id, @idempotency_key, @user_id, @amount, @currency, @status, @payment_method, @created_at, @updated_at)
        RETURNING xmin
        """;

    // The outcome lands only on the version that was read: of two requests finishing one charge, one finds no row.
    private const string SaveOutcomeSql = $"""
        WITH {Outbox.ChangedRows} AS (
            UPDATE transactions SET status = @status, provider_transaction_id = @provider_transaction_id, failure_reason = @failure_reason,
                                    refunded_at = @refunded_at, updated_at = @updated_at
            WHERE id = @transaction_id AND xmin = @version RETURNING id)
        """;

    /// <summary>The transactions matching <paramref name="condition"/>, one result set.</summary>
    public static NpgsqlBatchCommand Read(string condition, params (string Name, object? Value)[] parameters) =>
        SqlRows.Command($"SELECT {Columns} FROM transactions WHERE {condition}", parameters);

    /// <summary>How many transactions the user has, then one page of them, newest first: two result sets.</summary>
    public static IEnumerable<NpgsqlBatchCommand> ReadPageOfUser(Guid userId, int offset, int limit)
    {
        yield return SqlRows.Command("SELECT count(*) FROM transactions WHERE user_id = @user_id", ("user_id", userId));
        yield return SqlRows.Command(
            $"SELECT {Columns} FROM transactions WHERE user_id = @user_id ORDER BY created_at DESC, id DESC OFFSET @offset LIMIT @limit",
            ("user_id", userId), ("offset", offset), ("limit", limit));
    }

    public static Task<List<PaymentTransaction>> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        reader.ReadAllAsync(
            row => new PaymentTransaction
            {
                Id = row.GetGuid(0),
                OrderId = row.GetGuid(1),
                IdempotencyKey = row.GetString(2),
                UserId = row.GetGuid(3),
                Amount = row.GetDecimal(4),
                Currency = row.GetString(5),
                Status = Enum.Parse<PaymentStatus>(row.GetString(6)),
                PaymentMethod = row.GetString(7),
                ProviderTransactionId = row.GetNullableString(8),
                FailureReason = row.GetNullableString(9),
                CreatedAt = row.GetFieldValue<DateTimeOffset>(10),
                UpdatedAt = row.GetFieldValue<DateTimeOffset>(11),
                RefundedAt = row.GetNullableDateTimeOffset(12),
                Version = row.GetFieldValue<uint>(13),
            },
            cancellationToken);

    /// <summary>Stores a new transaction; its one row, one column result is the row's version.</summary>
    public static NpgsqlBatchCommand Insert(PaymentTransaction transaction) =>
        SqlRows.Command(
            InsertSql,
            ("id", transaction.Id), ("order_id", transaction.OrderId), ("idempotency_key", transaction.IdempotencyKey), ("user_id", transaction.UserId),
            ("amount", transaction.Amount), ("currency", transaction.Currency), ("status", transaction.Status.ToString()),
            ("payment_method", transaction.PaymentMethod), ("created_at", transaction.CreatedAt), ("updated_at", transaction.UpdatedAt));

    /// <summary>
    /// Stores the transaction's outcome (status, provider id, failure, refund time) and the event that reports it in one
    /// statement, if the row is still at <see cref="PaymentTransaction.Version"/>: both, or neither (no row affected).
    /// </summary>
    public static NpgsqlBatchCommand SaveOutcome(PaymentTransaction transaction, OutboxMessage outcomeEvent)
    {
        var command = Outbox.InsertCommand(outcomeEvent, onlyAfter: SaveOutcomeSql).WithParameters(
            ("status", transaction.Status.ToString()), ("provider_transaction_id", transaction.ProviderTransactionId),
            ("failure_reason", transaction.FailureReason), ("refunded_at", transaction.RefundedAt), ("updated_at", transaction.UpdatedAt),
            ("transaction_id", transaction.Id));
        command.Parameters.Add(new NpgsqlParameter("version", NpgsqlDbType.Xid) { Value = transaction.Version });
        return command;
    }
}
