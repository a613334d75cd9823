using Marketplace.Checkout.Infrastructure;
using Marketplace.Checkout.Processing;
using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Tests.Saga;
using Marketplace.Checkout.Workflow;
using Marketplace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketplace.Checkout.Tests.Persistence;

/// <summary>The runner on the real saga store, driving the orchestrator with scripted steps and a commit held open.</summary>
public sealed class CheckoutRunnerTests(CheckoutDatabaseFixture database) : IClassFixture<CheckoutDatabaseFixture>
{
    [Fact]
    public async Task A_confirmed_checkout_is_answered_while_its_stock_is_still_being_committed_and_completes_after()
    {
        var (runner, store, commit, saga) = await StartAsync();

        var answer = await runner.Drive(new SagaRun(saga.Id, saga.Input, saga.DeadlineAt, [])).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(CheckoutOutcome.Confirmed, answer!.Outcome);
        Assert.True(commit.Started.Task.IsCompleted);
        Assert.Equal((SagaStatus.Running, StepNames.OrderConfirmed), await StatusAsync(store, saga.Id));
        Assert.NotNull(runner.InFlight(saga.Id));

        commit.Finish.SetResult();

        await Eventually.HoldsAsync(async () => (await StatusAsync(store, saga.Id)).Status == SagaStatus.Completed, TimeSpan.FromSeconds(10));
        Assert.Equal(CheckoutOutcome.Confirmed, SagaJson.Deserialize<CheckoutResult>((await store.FindAsync(saga.Id, default))!.Result).Outcome);
    }

    [Fact]
    public async Task A_repeated_request_joining_a_confirmed_checkout_gets_the_same_answer_before_the_commit()
    {
        var (runner, _, commit, saga) = await StartAsync();
        var first = await runner.Drive(new SagaRun(saga.Id, saga.Input, saga.DeadlineAt, [])).WaitAsync(TimeSpan.FromSeconds(10));

        var joined = await runner.InFlight(saga.Id)!.WaitAsync(TimeSpan.FromSeconds(1));

        Assert.Same(first, joined);
        Assert.False(commit.Finish.Task.IsCompleted);
        commit.Finish.SetResult();
    }

    private async Task<(CheckoutRunner Runner, SagaStore Store, HeldCommit Commit, CheckoutSaga Saga)> StartAsync()
    {
        var harness = new OrchestratorHarness();
        var commit = new HeldCommit();
        var store = database.CreateStore();
        var services = new ServiceCollection()
            .AddScoped(_ => store)
            .AddScoped(_ => new CheckoutOrchestrator(harness.CreateOrder, harness.ReserveStock, harness.ChargePayment, harness.ConfirmOrder, commit))
            .BuildServiceProvider();
        var runner = new CheckoutRunner(services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new CheckoutOptions()), TimeProvider.System,
            new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), NullLogger<CheckoutRunner>.Instance);
        var saga = new CheckoutSaga
        {
            Id = harness.Input.CheckoutId,
            UserId = harness.Input.UserId,
            RequestHash = "hash",
            Input = SagaJson.Serialize(harness.Input),
            DeadlineAt = DateTimeOffset.UtcNow.AddMinutes(1),
        };
        Assert.True(await store.TryCreateAsync(saga, default));
        return (runner, store, commit, saga);
    }

    private static async Task<(SagaStatus Status, string? Step)> StatusAsync(SagaStore store, Guid sagaId)
    {
        var saga = await store.FindAsync(sagaId, default);
        return (saga!.Status, saga.Step);
    }

    /// <summary>The stock commit, started but held until the test lets it finish.</summary>
    private sealed class HeldCommit : ISagaActivity<Guid, StockCommit>
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => StepNames.StockCommitted;

        public async Task<StockCommit> ExecuteAsync(Guid input, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await Finish.Task.WaitAsync(cancellationToken);
            return new StockCommit(true, null);
        }
    }
}
