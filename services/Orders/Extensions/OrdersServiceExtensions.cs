using Marketplace.BuildingBlocks.Invocation;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Orders.Carts;
using Marketplace.Orders.Catalog;
using Marketplace.Orders.Infrastructure;
using Marketplace.Orders.Ordering;
using Marketplace.Orders.Security;

namespace Marketplace.Orders.Extensions;

public static class OrdersServiceExtensions
{
    public static WebApplicationBuilder AddOrdersServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrdersDbContext>();
        builder.AddEventBus<OrdersDbContext>();
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOrderPolicies();
        services.AddServiceClient<ProductCatalogClient>(ProductCatalogClient.AppId);
        services.AddSingleton<CatalogLookups>();
        services.AddExceptionHandler<CatalogUnavailableHandler>();
        services.AddScoped<CatalogPriceView>();
        services.AddScoped<CartStore>();
        services.AddScoped<AvailabilityView>();
        services.AddScoped<OrderPlacement>();
        services.AddScoped<OrderStatusChanges>();
        services.AddScoped<CheckoutAbandonment>();
        return builder;
    }
}
