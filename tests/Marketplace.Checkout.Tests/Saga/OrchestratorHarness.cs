using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Checkout.Tests.Saga;

/// <summary>The checkout orchestrator on the real durable context, with scripted steps and an in-memory journal.</summary>
public sealed class OrchestratorHarness
{
    public static readonly Guid OrderId = Guid.NewGuid();
    public static readonly Guid TransactionId = Guid.NewGuid();
    public static readonly Guid ProductId = Guid.NewGuid();
    public static readonly OrderCreation Created = new(new PlacedOrder(OrderId, 42.50m, [new OrderLine(ProductId, 2)]));
    public static readonly StockReservation Reserved = new(true, []);
    public static readonly StockReservation Shortage = new(false, [new StockShortage(ProductId, 2, 1)]);
    public static readonly PaymentOutcome Paid = new(TransactionId, true, null);
    public static readonly PaymentOutcome Declined = new(TransactionId, false, "card_declined");
    public static readonly OrderConfirmation Confirmed = new(true, null);
    public static readonly StockCommit Committed = new(true, null);

    public OrchestratorHarness()
    {
        CreateOrder = OrderStep(() => Created);
        ReserveStock = StockStep(() => Reserved);
        ChargePayment = PaymentStep(() => Paid);
        ConfirmOrder = ConfirmStep(() => Confirmed);
        CommitStock = CommitStep(() => Committed);
    }

    public StepLog Log { get; } = new();
    public InMemoryJournal Journal { get; } = new();
    public List<StepRecord> History { get; } = [];
    public CheckoutInput Input { get; set; } = new(Guid.NewGuid(), Guid.NewGuid(), new ShippingAddress("1 Main St", "Springfield", "12345", "US"), "Credit Card");
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan RunBudget { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>What the orchestrator published as the saga's custom status, with the steps called and recorded by then.</summary>
    public (object Status, string[] Called, string[] Recorded)? CustomStatus { get; private set; }

    public ScriptedStep<CheckoutInput, OrderCreation> CreateOrder { get; set; }
    public ScriptedStep<StockRequest, StockReservation> ReserveStock { get; set; }
    public ScriptedStep<PaymentRequest, PaymentOutcome> ChargePayment { get; set; }
    public ScriptedStep<Guid, OrderConfirmation> ConfirmOrder { get; set; }
    public ScriptedStep<Guid, StockCommit> CommitStock { get; set; }

    public ScriptedStep<CheckoutInput, OrderCreation> OrderStep(params Func<OrderCreation>[] attempts) =>
        new(StepNames.OrderCreated, StepNames.OrderCancelled, Log, attempts);

    public ScriptedStep<StockRequest, StockReservation> StockStep(params Func<StockReservation>[] attempts) =>
        new(StepNames.StockReserved, StepNames.StockReleased, Log, attempts);

    public ScriptedStep<PaymentRequest, PaymentOutcome> PaymentStep(params Func<PaymentOutcome>[] attempts) =>
        new(StepNames.PaymentCharged, StepNames.PaymentRefunded, Log, attempts);

    public ScriptedStep<Guid, OrderConfirmation> ConfirmStep(params Func<OrderConfirmation>[] attempts) =>
        new(StepNames.OrderConfirmed, "none", Log, attempts);

    public ScriptedStep<Guid, StockCommit> CommitStep(params Func<StockCommit>[] attempts) =>
        new(StepNames.StockCommitted, "none", Log, attempts);

    /// <summary>Pretends an earlier run recorded this outcome before the process died.</summary>
    public void Recorded(string name, object? result, string? error = null) =>
        History.Add(new StepRecord(name, result is null ? null : SagaJson.Serialize(result), error));

    public Task<CheckoutResult> RunAsync()
    {
        var orchestrator = new CheckoutOrchestrator(CreateOrder, ReserveStock, ChargePayment, ConfirmOrder, CommitStock);
        var run = new SagaRun(Input.CheckoutId, SagaJson.Serialize(Input), DateTimeOffset.UtcNow + Deadline, History);
        var retry = new SagaRetryOptions(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), RunBudget);
        var context = new DurableSagaContext(Journal, run, retry, TimeProvider.System, NullLogger.Instance, CancellationToken.None,
            status => CustomStatus = (status, [.. Log.Calls], [.. Journal.Names]));
        return orchestrator.RunAsync(context, Input);
    }
}
