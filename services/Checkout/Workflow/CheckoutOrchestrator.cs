using Marketplace.Checkout.Saga;

namespace Marketplace.Checkout.Workflow;

/// <summary>
/// The checkout saga: create the order, reserve its stock, charge the payment (unless the order is free), confirm the
/// order (the pivot), then commit the stock. A confirmed checkout's result is published as the saga's custom status
/// before the stock is committed, so that the buyer's answer does not wait for the commit. Before the pivot any
/// failure undoes what was done in reverse order. The body is deterministic (it only branches on step outcomes and
/// the journalled order), so replaying it against the journal after a restart takes the same path.
/// </summary>
public sealed class CheckoutOrchestrator(
    ICompensableStep<CheckoutInput, OrderCreation> createOrder,
    ICompensableStep<StockRequest, StockReservation> reserveStock,
    ICompensableStep<PaymentRequest, PaymentOutcome> chargePayment,
    ISagaActivity<Guid, OrderConfirmation> confirmOrder,
    ISagaActivity<Guid, StockCommit> commitStock)
{
    public async Task<CheckoutResult> RunAsync(ISagaContext context, CheckoutInput input)
    {
        var result = await PlaceOrderAsync(context, input);
        if (result.Outcome == CheckoutOutcome.Confirmed)
        {
            // Past the pivot the sale stands: the buyer can have the answer now, and the reservation becomes a sale
            // after it, however long that takes.
            context.SetCustomStatus(result);
            await context.CallActivityAsync(commitStock, input.CheckoutId, SagaRetry.UntilDone);
        }

        return result;
    }

    private async Task<CheckoutResult> PlaceOrderAsync(ISagaContext context, CheckoutInput input)
    {
        var saga = new SagaScope(context);
        Guid? orderId = null;
        try
        {
            var creation = await saga.CallAsync(createOrder, input);
            if (creation.Order is not { } order)
            {
                return CheckoutResult.Rejected(creation);
            }

            orderId = order.OrderId;
            if (input.ExpectedTotal is { } expected && expected != order.TotalAmount)
            {
                await saga.CompensateAsync("The order's total is not the one the buyer expected");
                return CheckoutResult.TotalChanged(order.OrderId, order.TotalAmount, expected);
            }

            var reservation = await saga.CallAsync(reserveStock, new StockRequest(input.CheckoutId, order.Items));
            if (!reservation.Reserved)
            {
                await saga.CompensateAsync("Insufficient stock");
                return CheckoutResult.OutOfStock(order.OrderId, reservation.Shortages);
            }

            // Free items are a sale too: with nothing to pay there is no charge (the payment service takes none of 0).
            var payment = order.TotalAmount > 0
                ? await saga.CallAsync(chargePayment, new PaymentRequest(order.OrderId, input.UserId, order.TotalAmount, input.PaymentMethod))
                : PaymentOutcome.NothingToPay;
            if (!payment.Completed)
            {
                await saga.CompensateAsync("Payment failed");
                return CheckoutResult.PaymentDeclined(order.OrderId, payment.TransactionId, payment.FailureReason);
            }

            var confirmation = await context.CallActivityAsync(confirmOrder, order.OrderId);
            if (!confirmation.Confirmed)
            {
                await saga.CompensateAsync($"The order could not be confirmed: {confirmation.Rejection}");
                return CheckoutResult.Failed(order.OrderId);
            }

            return CheckoutResult.Confirmed(order.OrderId, payment.TransactionId, order.TotalAmount);
        }
        catch (SagaStepFailedException failure)
        {
            await saga.CompensateAsync(failure.Message);
            return CheckoutResult.Failed(orderId);
        }
    }
}
