using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;
using static Marketplace.Checkout.Tests.Saga.OrchestratorHarness;

namespace Marketplace.Checkout.Tests.Saga;

public sealed class CheckoutOrchestratorTests
{
    private readonly OrchestratorHarness _saga = new();

    [Fact]
    public async Task Happy_path_creates_reserves_charges_confirms_and_commits_recording_each_step_once()
    {
        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.Confirmed, result.Outcome);
        Assert.Equal(OrderId, result.OrderId);
        Assert.Equal(TransactionId, result.TransactionId);
        string[] steps = [StepNames.OrderCreated, StepNames.StockReserved, StepNames.PaymentCharged, StepNames.OrderConfirmed, StepNames.StockCommitted];
        Assert.Equal(steps, _saga.Log.Calls);
        Assert.Equal(steps, _saga.Journal.Names);
        Assert.All(_saga.Journal.Records, entry => Assert.Equal(SagaPhase.Running, entry.Phase));
    }

    [Fact]
    public async Task A_confirmed_checkout_publishes_its_result_once_the_order_is_confirmed_before_the_stock_is_committed()
    {
        var result = await _saga.RunAsync();

        var (status, called, recorded) = Assert.NotNull(_saga.CustomStatus);
        Assert.Same(result, status);
        string[] steps = [StepNames.OrderCreated, StepNames.StockReserved, StepNames.PaymentCharged, StepNames.OrderConfirmed];
        Assert.Equal(steps, called);
        Assert.Equal(steps, recorded);
    }

    [Fact]
    public async Task A_checkout_that_is_not_confirmed_publishes_nothing_before_it_ends()
    {
        _saga.ChargePayment = _saga.PaymentStep(() => Declined);

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.PaymentDeclined, result.Outcome);
        Assert.Null(_saga.CustomStatus);
    }

    [Fact]
    public async Task Steps_are_keyed_by_the_checkout_and_the_order()
    {
        await _saga.RunAsync();

        Assert.Equal(_saga.Input.CheckoutId, Assert.Single(_saga.ReserveStock.Inputs).ReservationId);
        Assert.Equal([new OrderLine(ProductId, 2)], _saga.ReserveStock.Inputs[0].Items);
        var charge = Assert.Single(_saga.ChargePayment.Inputs);
        Assert.Equal((OrderId, _saga.Input.UserId, 42.50m, "Credit Card"), (charge.OrderId, charge.UserId, charge.Amount, charge.PaymentMethod));
        Assert.Equal(OrderId, Assert.Single(_saga.ConfirmOrder.Inputs));
        Assert.Equal(_saga.Input.CheckoutId, Assert.Single(_saga.CommitStock.Inputs));
    }

    [Fact]
    public async Task A_free_order_is_confirmed_and_committed_without_a_charge()
    {
        _saga.CreateOrder = _saga.OrderStep(() => new OrderCreation(new PlacedOrder(OrderId, 0m, [new OrderLine(ProductId, 1)])));

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.Confirmed, result.Outcome);
        Assert.Null(result.TransactionId);
        Assert.Empty(_saga.ChargePayment.Inputs);
        Assert.Equal([StepNames.OrderCreated, StepNames.StockReserved, StepNames.OrderConfirmed, StepNames.StockCommitted], _saga.Log.Calls);
    }

    [Fact]
    public async Task An_order_whose_total_is_not_the_expected_one_is_cancelled_before_anything_is_reserved_or_charged()
    {
        _saga.Input = _saga.Input with { ExpectedTotal = 40.00m };

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.TotalChanged, result.Outcome);
        Assert.Equal((OrderId, 42.50m), (result.OrderId, result.TotalAmount));
        Assert.Equal([StepNames.OrderCreated, StepNames.OrderCancelled], _saga.Log.Calls);
        Assert.Empty(_saga.ChargePayment.Inputs);
    }

    [Fact]
    public async Task An_order_of_the_expected_total_goes_through_and_reports_it()
    {
        _saga.Input = _saga.Input with { ExpectedTotal = 42.50m };

        var result = await _saga.RunAsync();

        Assert.Equal((CheckoutOutcome.Confirmed, 42.50m), (result.Outcome, result.TotalAmount));
    }

    [Fact]
    public async Task An_empty_cart_ends_the_saga_after_the_order_step_with_nothing_to_undo()
    {
        _saga.CreateOrder = _saga.OrderStep(() => new OrderCreation(null, "Cart is empty"));

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.Rejected, result.Outcome);
        Assert.Equal("Cart is empty", result.Message);
        Assert.Equal([StepNames.OrderCreated], _saga.Log.Calls);
    }

    [Fact]
    public async Task A_stock_shortage_cancels_the_order_and_reports_the_short_items()
    {
        _saga.ReserveStock = _saga.StockStep(() => Shortage);

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.OutOfStock, result.Outcome);
        Assert.Equal(OrderId, result.OrderId);
        Assert.Equal(Shortage.Shortages, result.Items);
        Assert.Equal([StepNames.OrderCreated, StepNames.StockReserved, StepNames.StockReleased, StepNames.OrderCancelled], _saga.Log.Calls);
        Assert.Equal(Shortage, Assert.Single(_saga.ReserveStock.CompensatedOutputs));
        Assert.Equal([SagaPhase.Compensating, SagaPhase.Compensating], _saga.Journal.Records.Skip(2).Select(entry => entry.Phase));
    }

    [Fact]
    public async Task A_declined_payment_releases_the_stock_then_cancels_the_order()
    {
        _saga.ChargePayment = _saga.PaymentStep(() => Declined);

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.PaymentDeclined, result.Outcome);
        Assert.Contains("card_declined", result.Message, StringComparison.Ordinal);
        Assert.Equal(
            [StepNames.OrderCreated, StepNames.StockReserved, StepNames.PaymentCharged, StepNames.PaymentRefunded, StepNames.StockReleased, StepNames.OrderCancelled],
            _saga.Log.Calls);
        Assert.Equal(Declined, Assert.Single(_saga.ChargePayment.CompensatedOutputs));
    }

    [Fact]
    public async Task An_order_that_cannot_be_confirmed_is_refunded_released_and_cancelled()
    {
        _saga.ConfirmOrder = _saga.ConfirmStep(() => new OrderConfirmation(false, "order was cancelled"));

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.Failed, result.Outcome);
        Assert.Equal(
            [StepNames.OrderCreated, StepNames.StockReserved, StepNames.PaymentCharged, StepNames.OrderConfirmed, StepNames.PaymentRefunded, StepNames.StockReleased, StepNames.OrderCancelled],
            _saga.Log.Calls);
        Assert.Equal(Paid, Assert.Single(_saga.ChargePayment.CompensatedOutputs));
    }

    [Fact]
    public async Task Transient_failures_are_retried_and_the_step_is_recorded_once()
    {
        _saga.ReserveStock = _saga.StockStep(Behaviours.Transient<StockReservation>(), Behaviours.Transient<StockReservation>(), () => Reserved);

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.Confirmed, result.Outcome);
        Assert.Equal(3, _saga.Log.Calls.Count(call => call == StepNames.StockReserved));
        Assert.Single(_saga.Journal.Names, name => name == StepNames.StockReserved);
        Assert.Equal(2, _saga.Journal.LeaseRenewals);
    }

    [Fact]
    public async Task A_charge_still_failing_at_the_deadline_is_undone_as_an_unknown_outcome_then_stock_and_order()
    {
        _saga.Deadline = TimeSpan.FromMilliseconds(50);
        _saga.ChargePayment = _saga.PaymentStep(Behaviours.Transient<PaymentOutcome>());

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.Failed, result.Outcome);
        Assert.Equal(OrderId, result.OrderId);
        Assert.Equal([StepNames.PaymentRefunded + "?", StepNames.StockReleased, StepNames.OrderCancelled], _saga.Log.Calls.SkipWhile(call => call != StepNames.PaymentRefunded + "?"));
        var charge = Assert.Single(_saga.Journal.Records, entry => entry.Record.Name == StepNames.PaymentCharged).Record;
        Assert.Null(charge.Result);
        Assert.Contains("deadline", charge.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(StepNames.OrderConfirmed, _saga.Log.Calls);
    }

    [Fact]
    public async Task A_refused_step_is_not_retried_and_its_possible_effect_is_undone()
    {
        _saga.ReserveStock = _saga.StockStep(Behaviours.Refused<StockReservation>());

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.Failed, result.Outcome);
        Assert.Equal([StepNames.OrderCreated, StepNames.StockReserved, StepNames.StockReleased + "?", StepNames.OrderCancelled], _saga.Log.Calls);
    }

    [Fact]
    public async Task An_order_step_that_fails_ends_the_saga_without_touching_stock_or_payment()
    {
        _saga.CreateOrder = _saga.OrderStep(Behaviours.Refused<OrderCreation>());

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.Failed, result.Outcome);
        Assert.Null(result.OrderId);
        Assert.Equal([StepNames.OrderCreated, StepNames.OrderCancelled + "?"], _saga.Log.Calls);
    }

    [Fact]
    public async Task Compensations_retry_transient_failures_past_the_deadline_until_they_succeed()
    {
        _saga.Deadline = TimeSpan.Zero;
        _saga.ChargePayment = _saga.PaymentStep(() => Declined);
        _saga.ReserveStock.CompensationBehaves(Behaviours.TransientCompensation, Behaviours.TransientCompensation);

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.PaymentDeclined, result.Outcome);
        Assert.Equal(3, _saga.Log.Calls.Count(call => call == StepNames.StockReleased));
        Assert.Contains(StepNames.OrderCancelled, _saga.Log.Calls);
        Assert.Null(Assert.Single(_saga.Journal.Records, entry => entry.Record.Name == StepNames.StockReleased).Record.Error);
    }

    [Fact]
    public async Task A_refused_compensation_is_recorded_with_its_reason_and_the_rest_still_run()
    {
        _saga.ChargePayment = _saga.PaymentStep(() => Declined);
        _saga.ReserveStock.CompensationBehaves(() => throw new InvalidOperationException("reservation unknown"));

        await _saga.RunAsync();

        var release = Assert.Single(_saga.Journal.Records, entry => entry.Record.Name == StepNames.StockReleased).Record;
        Assert.Equal("reservation unknown", release.Error);
        Assert.Equal(StepNames.OrderCancelled, _saga.Log.Calls[^1]);
    }

    [Fact]
    public async Task Committing_stock_after_the_pivot_keeps_retrying_past_the_deadline()
    {
        _saga.Deadline = TimeSpan.Zero;
        _saga.Recorded(StepNames.OrderCreated, Created);
        _saga.Recorded(StepNames.StockReserved, Reserved);
        _saga.Recorded(StepNames.PaymentCharged, Paid);
        _saga.Recorded(StepNames.OrderConfirmed, Confirmed);
        _saga.CommitStock = _saga.CommitStep(Behaviours.Transient<StockCommit>(), Behaviours.Transient<StockCommit>(), () => Committed);

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.Confirmed, result.Outcome);
        Assert.Equal([StepNames.StockCommitted, StepNames.StockCommitted, StepNames.StockCommitted], _saga.Log.Calls);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task A_restart_replays_the_recorded_steps_and_runs_only_the_rest(int recordedSteps)
    {
        object[] outcomes = [Created, Reserved, Paid, Confirmed];
        string[] names = [StepNames.OrderCreated, StepNames.StockReserved, StepNames.PaymentCharged, StepNames.OrderConfirmed, StepNames.StockCommitted];
        for (var step = 0; step < recordedSteps; step++)
        {
            _saga.Recorded(names[step], outcomes[step]);
        }

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.Confirmed, result.Outcome);
        Assert.Equal((OrderId, TransactionId), (result.OrderId!.Value, result.TransactionId!.Value));
        Assert.Equal(names.Skip(recordedSteps), _saga.Log.Calls);
        Assert.Equal(names.Skip(recordedSteps), _saga.Journal.Names);
    }

    [Fact]
    public async Task A_restart_during_compensation_runs_only_the_compensations_not_yet_recorded()
    {
        _saga.Recorded(StepNames.OrderCreated, Created);
        _saga.Recorded(StepNames.StockReserved, Reserved);
        _saga.Recorded(StepNames.PaymentCharged, Declined);
        _saga.Recorded(StepNames.PaymentRefunded, null);
        _saga.Recorded(StepNames.StockReleased, null);

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.PaymentDeclined, result.Outcome);
        Assert.Equal([StepNames.OrderCancelled], _saga.Log.Calls);
    }

    [Fact]
    public async Task A_recorded_failure_replays_as_a_failure_without_running_the_step_again()
    {
        _saga.Recorded(StepNames.OrderCreated, Created);
        _saga.Recorded(StepNames.StockReserved, null, error: "still failing at the deadline");

        var result = await _saga.RunAsync();

        Assert.Equal(CheckoutOutcome.Failed, result.Outcome);
        Assert.Equal([StepNames.StockReleased + "?", StepNames.OrderCancelled], _saga.Log.Calls);
    }

    [Fact]
    public async Task Losing_the_lease_stops_the_run_before_the_next_step()
    {
        _saga.ReserveStock = _saga.StockStep(() =>
        {
            _saga.Journal.LeaseHeld = false;
            return Reserved;
        });

        await Assert.ThrowsAsync<SagaSuspendedException>(_saga.RunAsync);

        Assert.Equal([StepNames.OrderCreated, StepNames.StockReserved], _saga.Log.Calls);
        Assert.Equal([StepNames.OrderCreated], _saga.Journal.Names);
    }

    [Fact]
    public async Task A_compensation_that_outlasts_the_run_budget_hands_the_saga_back()
    {
        _saga.RunBudget = TimeSpan.FromMilliseconds(30);
        _saga.ChargePayment = _saga.PaymentStep(() => Declined);
        _saga.ReserveStock.CompensationBehaves(Enumerable.Repeat<Action>(Behaviours.TransientCompensation, 1000).ToArray());

        await Assert.ThrowsAsync<SagaSuspendedException>(_saga.RunAsync);

        Assert.DoesNotContain(StepNames.StockReleased, _saga.Journal.Names);
        Assert.DoesNotContain(StepNames.OrderCancelled, _saga.Log.Calls);
    }
}
