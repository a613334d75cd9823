namespace Marketplace.Checkout.Workflow;

/// <summary>The names step outcomes are recorded under; <c>Checkout:CrashAfter</c> takes one of them.</summary>
public static class StepNames
{
    public const string OrderCreated = nameof(OrderCreated);
    public const string StockReserved = nameof(StockReserved);
    public const string PaymentCharged = nameof(PaymentCharged);
    public const string OrderConfirmed = nameof(OrderConfirmed);
    public const string StockCommitted = nameof(StockCommitted);
    public const string PaymentRefunded = nameof(PaymentRefunded);
    public const string StockReleased = nameof(StockReleased);
    public const string OrderCancelled = nameof(OrderCancelled);
}
