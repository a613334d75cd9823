using System.Security.Cryptography;
using Marketplace.Checkout.Apis.Requests;
using Marketplace.Checkout.Infrastructure;
using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;
using Microsoft.Extensions.Options;

namespace Marketplace.Checkout.Processing;

/// <summary>What a checkout request got: the saga's result, or null while it is still running.</summary>
public sealed record CheckoutSubmission(Guid CheckoutId, CheckoutResult? Result, bool KeyReusedForOtherRequest = false);

/// <summary>
/// Starts a checkout saga and drives it on this instance straight away, answering as soon as it ends or after
/// <see cref="CheckoutOptions.ResponseWait"/>. A repeated idempotency key joins the first request's saga instead.
/// </summary>
public sealed class CheckoutService(SagaStore store, CheckoutRunner runner, IOptions<CheckoutOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan RepeatPollInterval = TimeSpan.FromMilliseconds(100);

    public async Task<CheckoutSubmission> SubmitAsync(Guid userId, string? idempotencyKey, CheckoutRequest request, CancellationToken cancellationToken)
    {
        var address = request.ShippingAddress!;
        var input = new CheckoutInput(Guid.NewGuid(), userId,
            new ShippingAddress(address.Street!.Trim(), address.City!.Trim(), address.Zip!.Trim(), address.Country!.Trim()),
            request.PaymentMethod!.Trim(), request.ExpectedTotal);
        // Without an expected total the fingerprint is what it was before there was one, so stored keys still match.
        object fingerprint = input.ExpectedTotal is null
            ? new { input.ShippingAddress, input.PaymentMethod }
            : new { input.ShippingAddress, input.PaymentMethod, input.ExpectedTotal };
        var requestHash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(SagaJson.Serialize(fingerprint))));
        var saga = new CheckoutSaga
        {
            Id = input.CheckoutId,
            UserId = userId,
            IdempotencyKey = idempotencyKey,
            RequestHash = requestHash,
            Input = SagaJson.Serialize(input),
            DeadlineAt = clock.GetUtcNow() + options.Value.RetryDeadline,
        };
        if (await store.TryCreateAsync(saga, cancellationToken))
        {
            var run = runner.Drive(new SagaRun(saga.Id, saga.Input, saga.DeadlineAt, []));
            return new CheckoutSubmission(saga.Id, await WaitAsync(run, cancellationToken));
        }

        var first = await store.FindByKeyAsync(userId, idempotencyKey!, cancellationToken)
            ?? throw new InvalidOperationException("A conflicting checkout vanished.");
        return first.RequestHash == requestHash
            ? new CheckoutSubmission(first.Id, await AwaitExistingAsync(first, cancellationToken))
            : new CheckoutSubmission(first.Id, null, KeyReusedForOtherRequest: true);
    }

    private async Task<CheckoutResult?> AwaitExistingAsync(CheckoutSaga saga, CancellationToken cancellationToken)
    {
        if (runner.InFlight(saga.Id) is { } run)
        {
            return await WaitAsync(run, cancellationToken);
        }

        // Driven by another instance or waiting for recovery: a repeated request may watch the row.
        var giveUpAt = clock.GetUtcNow() + options.Value.ResponseWait;
        while (true)
        {
            if (saga.Status == SagaStatus.Completed)
            {
                return SagaJson.Deserialize<CheckoutResult>(saga.Result);
            }

            if (clock.GetUtcNow() + RepeatPollInterval > giveUpAt)
            {
                return null;
            }

            await Task.Delay(RepeatPollInterval, clock, cancellationToken);
            saga = await store.FindAsync(saga.Id, cancellationToken) ?? saga;
        }
    }

    private async Task<CheckoutResult?> WaitAsync(Task<CheckoutResult?> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run.WaitAsync(options.Value.ResponseWait, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
