using Marketplace.Checkout.Peers;
using Marketplace.Checkout.Saga;

namespace Marketplace.Checkout.Workflow.Steps;

/// <summary>Charges the order total (keyed by the order id); undone by refunding a completed charge.</summary>
public sealed class ChargePaymentStep(PaymentsCalls charges, PaymentsClient payments) : ICompensableStep<PaymentRequest, PaymentOutcome>
{
    public string Name => StepNames.PaymentCharged;
    public string CompensationName => StepNames.PaymentRefunded;

    public Task<PaymentOutcome> ExecuteAsync(PaymentRequest input, CancellationToken cancellationToken) =>
        charges.ChargeAsync(input, cancellationToken);

    public async Task CompensateAsync(PaymentRequest input, PaymentOutcome? output, string reason, CancellationToken cancellationToken)
    {
        // When the charge's outcome is unknown, asking again (same key) returns the transaction if there was one.
        var charge = output ?? await charges.ChargeAsync(input, cancellationToken);
        if (charge is { Completed: true, TransactionId: { } transactionId })
        {
            await payments.RefundAsync(transactionId, reason, cancellationToken);
        }
    }
}
