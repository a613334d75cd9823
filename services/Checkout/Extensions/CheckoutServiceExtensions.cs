using Marketplace.BuildingBlocks.Invocation;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Checkout.Infrastructure;
using Marketplace.Checkout.Peers;
using Marketplace.Checkout.Processing;
using Marketplace.Checkout.Saga;
using Marketplace.Checkout.Workflow;
using Marketplace.Checkout.Workflow.Steps;

namespace Marketplace.Checkout.Extensions;

public static class CheckoutServiceExtensions
{
    public static WebApplicationBuilder AddCheckoutServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CheckoutDbContext>();
        builder.AddEventBus<CheckoutDbContext>();
        var services = builder.Services;
        var section = builder.Configuration.GetSection(CheckoutOptions.Section);
        services.Configure<CheckoutOptions>(section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SagaLease>();
        services.AddSingleton<CrashHook>();
        services.AddSingleton<CheckoutRunner>();
        services.AddHostedService<CheckoutRecoveryWorker>();
        services.AddHostedService<LeaseHeartbeat>();
        var connectionString = builder.Configuration.ServiceConnectionString();
        services.AddSingleton(provider => new JournalWriter(connectionString, provider.GetRequiredService<ILogger<JournalWriter>>()));
        services.AddScoped<SagaStore>();
        services.AddScoped<CheckoutService>();
        services.AddScoped<CancelledOrderReleases>();
        services.AddSingleton<InventoryCalls>();
        services.AddSingleton<OrdersCalls>();
        services.AddSingleton<PaymentsCalls>();

        services.AddScoped<CheckoutOrchestrator>();
        services.AddScoped<ICompensableStep<CheckoutInput, OrderCreation>, CreateOrderStep>();
        services.AddScoped<ICompensableStep<StockRequest, StockReservation>, ReserveStockStep>();
        services.AddScoped<ICompensableStep<PaymentRequest, PaymentOutcome>, ChargePaymentStep>();
        services.AddScoped<ISagaActivity<Guid, OrderConfirmation>, ConfirmOrderStep>();
        services.AddScoped<ISagaActivity<Guid, StockCommit>, CommitStockStep>();

        // The saga retries with its own backoff and deadline, so the clients only bound each attempt.
        services.AddServiceClient<OrdersClient>("orders");
        services.AddServiceClient<InventoryClient>("inventory");
        var paymentTimeout = section.Get<CheckoutOptions>()?.PaymentTimeout ?? new CheckoutOptions().PaymentTimeout;
        services.AddServiceClient<PaymentsClient>("payments", resilience =>
        {
            resilience.AttemptTimeout.Timeout = paymentTimeout;
            resilience.TotalRequestTimeout.Timeout = paymentTimeout + TimeSpan.FromSeconds(5);
            resilience.CircuitBreaker.SamplingDuration = paymentTimeout * 2;
        });
        return builder;
    }
}
