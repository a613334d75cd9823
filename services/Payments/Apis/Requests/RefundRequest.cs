namespace Marketplace.Payments.Apis.Requests;

/// <summary>The optional body of a refund: why the money goes back (carried by the PaymentRefunded event).</summary>
public sealed record RefundRequest(string? Reason)
{
    public const int MaxReasonLength = 500;
}
