using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Payments.Gateway;
using Marketplace.Payments.Infrastructure;
using Marketplace.Payments.Processing;

namespace Marketplace.Payments.Extensions;

public static class PaymentsServiceExtensions
{
    public static WebApplicationBuilder AddPaymentsServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PaymentsDbContext>();
        builder.AddEventBus<PaymentsDbContext>();
        var services = builder.Services;
        services.Configure<GatewayOptions>(builder.Configuration.GetSection(GatewayOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CrashPoints>();
        services.AddScoped<IPaymentGateway, SandboxPaymentGateway>();
        services.AddScoped<ChargeProcessor>();
        services.AddScoped<RefundProcessor>();
        services.AddScoped<CancelledOrderRefunds>();
        return builder;
    }
}
