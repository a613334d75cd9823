using System.Globalization;

namespace Marketplace.Checkout.Workflow;

public enum CheckoutOutcome
{
    /// <summary>Order confirmed, stock sold, payment taken.</summary>
    Confirmed,

    /// <summary>The order service refused to create the order (an empty cart); nothing happened.</summary>
    Rejected,

    /// <summary>Products in the cart are gone from the catalog; nothing happened.</summary>
    ProductsUnavailable,

    /// <summary>The order came to another total than the buyer expected; it was cancelled and nothing was charged.</summary>
    TotalChanged,

    /// <summary>Some item was short; the order was cancelled and nothing stays reserved.</summary>
    OutOfStock,

    /// <summary>The payment was declined or failed; the stock was released and the order cancelled.</summary>
    PaymentDeclined,

    /// <summary>A step failed for good or ran out of time; everything done was undone, including any payment.</summary>
    Failed,
}

/// <summary>How a checkout ended, as the client is told.</summary>
public sealed record CheckoutResult(
    CheckoutOutcome Outcome,
    string Message,
    Guid? OrderId = null,
    Guid? TransactionId = null,
    IReadOnlyList<StockShortage>? Items = null,
    IReadOnlyList<Guid>? UnavailableProducts = null,
    decimal? TotalAmount = null)
{
    public const string EmptyCartMessage = "Your cart is empty.";

    public static CheckoutResult Confirmed(Guid orderId, Guid? transactionId, decimal totalAmount) =>
        new(CheckoutOutcome.Confirmed, "Order placed successfully", orderId, transactionId, TotalAmount: totalAmount);

    public static CheckoutResult TotalChanged(Guid orderId, decimal totalAmount, decimal expectedTotal) =>
        new(CheckoutOutcome.TotalChanged,
            string.Create(CultureInfo.InvariantCulture, $"The order comes to {totalAmount:0.00}, not the {expectedTotal:0.00} expected: prices changed. Review the cart and check out again."),
            orderId, TotalAmount: totalAmount);

    public static CheckoutResult Rejected(OrderCreation creation) => creation.UnavailableProducts is { } unavailable
        ? new(CheckoutOutcome.ProductsUnavailable, creation.Rejection ?? "Some products in the cart are no longer in the catalog.", UnavailableProducts: unavailable)
        : new(CheckoutOutcome.Rejected, creation.Rejection ?? EmptyCartMessage);

    public static CheckoutResult OutOfStock(Guid orderId, IReadOnlyList<StockShortage> items) =>
        new(CheckoutOutcome.OutOfStock, "Insufficient stock for one or more items.", orderId, Items: items);

    public static CheckoutResult PaymentDeclined(Guid orderId, Guid? transactionId, string? reason) =>
        new(CheckoutOutcome.PaymentDeclined, $"Payment failed: {(reason ?? "declined").TrimEnd('.')}.", orderId, transactionId);

    public static CheckoutResult Failed(Guid? orderId) =>
        new(CheckoutOutcome.Failed, "Checkout could not be completed: a service did not answer in time or refused a step. Nothing was charged.", orderId);
}
