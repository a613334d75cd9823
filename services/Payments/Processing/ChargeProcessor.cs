using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Payments.Domain;
using Marketplace.Payments.Gateway;
using Marketplace.Payments.Infrastructure;
using Marketplace.Payments.IntegrationEvents;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Payments.Processing;

public sealed record ChargeCommand(Guid OrderId, Guid UserId, decimal Amount, string Currency, string PaymentMethod, string IdempotencyKey);

public enum ChargeOutcome
{
    /// <summary>The order's transaction: finished, or Pending when another request was still charging it.</summary>
    Recorded,
    IdempotencyKeyUsedByAnotherOrder,

    /// <summary>Another request holds the order's charge and has not even recorded it yet.</summary>
    Busy,
}

public sealed record ChargeResult(ChargeOutcome Outcome, PaymentTransaction? Transaction = null);

/// <summary>
/// Charges an order at most once. The request that records the order's <c>Pending</c> transaction does so holding the
/// order's <see cref="OrderChargeLock"/> and keeps it while it calls the provider and records the outcome; repeats wait
/// for the lock and then find the outcome. A <c>Pending</c> transaction found by whoever gets the lock was left by a
/// crash: that request calls the provider again with the transaction's own key, so the provider never charges twice.
/// </summary>
public sealed partial class ChargeProcessor(
    PaymentsDbContext db, IPaymentGateway gateway, IOptions<GatewayOptions> options, CrashPoints crashPoints, OutboxSignal signal, TimeProvider clock)
{
    /// <summary>Room for the database writes around the provider calls when waiting for another request's charge.</summary>
    private static readonly TimeSpan RecordingAllowance = TimeSpan.FromSeconds(1);

    public async Task<ChargeResult> ChargeAsync(ChargeCommand command, CancellationToken cancellationToken)
    {
        // One read, under the lock, finds both the order's transaction and any other use of the key.
        var (orderLock, known) = await LockAsync(
            command.OrderId, "order_id = @order_id OR idempotency_key = @idempotency_key",
            [("order_id", command.OrderId), ("idempotency_key", command.IdempotencyKey)], cancellationToken);
        await using var heldLock = orderLock;
        if (known.Any(t => t.OrderId != command.OrderId))
        {
            return new ChargeResult(ChargeOutcome.IdempotencyKeyUsedByAnotherOrder);
        }

        var transaction = known.SingleOrDefault();
        if (orderLock is null)
        {
            return transaction is null ? new ChargeResult(ChargeOutcome.Busy) : new ChargeResult(ChargeOutcome.Recorded, transaction);
        }

        transaction ??= await RecordPendingAsync(command, cancellationToken);
        return transaction is null
            ? new ChargeResult(ChargeOutcome.IdempotencyKeyUsedByAnotherOrder)
            : new ChargeResult(ChargeOutcome.Recorded, await FinishAsync(transaction));
    }

    /// <summary>The order's transaction, with a Pending one left by a crash finished first; still Pending while another request charges it.</summary>
    public async Task<PaymentTransaction?> ResolveAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var known = (await OrderTransactionAsync(orderId, cancellationToken)).SingleOrDefault();
        if (known is not { Status: PaymentStatus.Pending })
        {
            return known;
        }

        var (orderLock, transactions) = await LockAsync(orderId, "order_id = @order_id", [("order_id", orderId)], cancellationToken);
        await using var heldLock = orderLock;
        var transaction = transactions.Single();
        return orderLock is null ? transaction : await FinishAsync(transaction);
    }

    private Task<List<PaymentTransaction>> OrderTransactionAsync(Guid orderId, CancellationToken cancellationToken) =>
        db.ReadTransactionsAsync("order_id = @order_id", [("order_id", orderId)], cancellationToken);

    private Task<(OrderChargeLock? Lock, List<PaymentTransaction> Transactions)> LockAsync(
        Guid orderId, string condition, (string Name, object? Value)[] parameters, CancellationToken cancellationToken) =>
        OrderChargeLock.TryAcquireAsync(db, orderId, options.Value.ChargeBudget + RecordingAllowance, clock, condition, parameters, cancellationToken);

    /// <summary>Stores the order's Pending transaction; null when its idempotency key was just taken by another order.</summary>
    private async Task<PaymentTransaction?> RecordPendingAsync(ChargeCommand command, CancellationToken cancellationToken)
    {
        var transaction = NewPending(command);
        try
        {
            transaction.Version = await db.ReadBatchAsync([TransactionRows.Insert(transaction)], ReadVersionAsync, cancellationToken);
            return transaction;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return (await OrderTransactionAsync(command.OrderId, cancellationToken)).SingleOrDefault();
        }
    }

    private PaymentTransaction NewPending(ChargeCommand command)
    {
        var now = clock.GetUtcNow();
        return new PaymentTransaction
        {
            Id = Guid.CreateVersion7(),
            OrderId = command.OrderId,
            IdempotencyKey = command.IdempotencyKey,
            UserId = command.UserId,
            Amount = command.Amount,
            Currency = command.Currency,
            PaymentMethod = command.PaymentMethod,
            Status = PaymentStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private static async Task<uint> ReadVersionAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<uint>(0) : throw new InvalidOperationException("The insert returned no version.");

    private async Task<PaymentTransaction> FinishAsync(PaymentTransaction transaction)
    {
        if (transaction.Status != PaymentStatus.Pending)
        {
            return transaction;
        }

        // The charge runs to its end even if the caller goes away; the provider timeouts bound it.
        var outcomeEvent = await ChargeAtProviderAsync(transaction);
        return await db.SaveOrReloadAsync(transaction, outcomeEvent, signal, clock);
    }

    /// <summary>Has the provider charge the Pending transaction and sets its outcome; the event that reports it, to save with it.</summary>
    private async Task<OutboxMessage> ChargeAtProviderAsync(PaymentTransaction transaction)
    {
        var result = await CallGatewayAsync(transaction);
        crashPoints.Reached(CrashPoints.GatewayCharged);
        transaction.Status = result.Approved ? PaymentStatus.Completed : PaymentStatus.Failed;
        transaction.ProviderTransactionId = result.ProviderTransactionId;
        transaction.FailureReason = result.DeclineReason;
        return result.Approved ? OutboxMessage.For(PaymentEvents.Completed(transaction)) : OutboxMessage.For(PaymentEvents.Failed(transaction));
    }

    private async Task<GatewayResult> CallGatewayAsync(PaymentTransaction transaction)
    {
        var settings = options.Value;
        var charge = new GatewayCharge(transaction.GatewayKey, transaction.Amount, transaction.Currency, transaction.PaymentMethod);
        var failure = "The payment gateway could not be reached.";
        for (var attempt = 1; attempt <= settings.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(settings.RetryDelay * Math.Pow(2, attempt - 2), clock);
            }

            using var timeout = new CancellationTokenSource(settings.Timeout, clock);
            try
            {
                return await gateway.ChargeAsync(charge, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                failure = "The payment gateway did not answer in time.";
            }
            catch (GatewayUnavailableException exception)
            {
                failure = exception.Message;
            }
        }

        return GatewayResult.Decline(failure);
    }
}
