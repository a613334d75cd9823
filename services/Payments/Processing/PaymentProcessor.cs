using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Payments.Domain;
using Marketplace.Payments.Gateway;
using Marketplace.Payments.Infrastructure;
using Marketplace.Payments.IntegrationEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Payments.Processing;

public sealed record ChargeCommand(Guid OrderId, Guid UserId, decimal Amount, string Currency, string PaymentMethod, string IdempotencyKey);

/// <summary>
/// Charges and refunds. A charge is stored <c>Pending</c> before the gateway is called and finished afterwards; a
/// repeat (same order or key) returns the stored transaction, and one left <c>Pending</c> by a crash is finished
/// with the same gateway key, so the provider never charges twice.
/// </summary>
public sealed class PaymentProcessor(
    PaymentsDbContext db, IPaymentGateway gateway, IOptions<GatewayOptions> options, CrashPoints crashPoints, TimeProvider clock)
{
    /// <summary>The order's transaction, finished; null when the idempotency key already belongs to another order.</summary>
    public async Task<PaymentTransaction?> ChargeAsync(ChargeCommand command, CancellationToken cancellationToken)
    {
        var transaction = await RecordPendingAsync(command, cancellationToken);
        if (transaction is not { Status: PaymentStatus.Pending })
        {
            return transaction;
        }

        // The charge runs to its end even if the caller goes away; its own timeouts bound it.
        var result = await CallGatewayAsync(transaction);
        crashPoints.Reached(CrashPoints.GatewayCharged);
        transaction.Status = result.Approved ? PaymentStatus.Completed : PaymentStatus.Failed;
        transaction.ProviderTransactionId = result.ProviderTransactionId;
        transaction.FailureReason = result.DeclineReason;
        if (result.Approved)
        {
            db.AddEvent(PaymentEvents.Completed(transaction));
        }
        else
        {
            db.AddEvent(PaymentEvents.Failed(transaction));
        }

        return await SaveOrReloadAsync(transaction);
    }

    public async Task<(RefundResult Result, PaymentTransaction? Transaction)> RefundAsync(Guid transactionId, string? reason, CancellationToken cancellationToken)
    {
        var transaction = await db.Transactions.SingleOrDefaultAsync(t => t.Id == transactionId, cancellationToken);
        switch (transaction?.Status)
        {
            case null:
                return (RefundResult.NotFound, null);
            case PaymentStatus.Refunded:
                return (RefundResult.Refunded, transaction);
            case not PaymentStatus.Completed:
                return (RefundResult.NotRefundable, transaction);
        }

        var result = await gateway.RefundAsync(transaction.ProviderTransactionId!, $"refund:{transaction.Id:N}", cancellationToken);
        if (!result.Approved)
        {
            return (RefundResult.NotRefundable, transaction);
        }

        transaction.Status = PaymentStatus.Refunded;
        transaction.RefundedAt = clock.GetUtcNow();
        db.AddEvent(PaymentEvents.Refunded(transaction, reason));
        transaction = await SaveOrReloadAsync(transaction);
        return (transaction.Status == PaymentStatus.Refunded ? RefundResult.Refunded : RefundResult.NotRefundable, transaction);
    }

    private async Task<PaymentTransaction?> RecordPendingAsync(ChargeCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var transaction = new PaymentTransaction
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
        db.Transactions.Add(transaction);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return transaction;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
        }

        var existing = await db.Transactions
            .Where(t => t.OrderId == command.OrderId || t.IdempotencyKey == command.IdempotencyKey)
            .ToListAsync(cancellationToken);
        return existing.SingleOrDefault(t => t.OrderId == command.OrderId);
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

    /// <summary>Saves a finished transaction; when another request finished it first, returns that outcome instead.</summary>
    private async Task<PaymentTransaction> SaveOrReloadAsync(PaymentTransaction transaction)
    {
        transaction.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return transaction;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await db.Transactions.AsNoTracking().SingleAsync(t => t.Id == transaction.Id);
        }
    }
}

public enum RefundResult
{
    NotFound,
    Refunded,
    NotRefundable,
}
