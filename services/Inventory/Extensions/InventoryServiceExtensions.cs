using Marketplace.BuildingBlocks.Invocation;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Inventory.Catalog;
using Marketplace.Inventory.Infrastructure;
using Marketplace.Inventory.Stock;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Inventory.Extensions;

public static class InventoryServiceExtensions
{
    public static WebApplicationBuilder AddInventoryServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<InventoryDbContext>();
        builder.AddEventBus<InventoryDbContext>();
        builder.Services.AddServiceClient<ProductCatalogClient>("products");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<StockLedger>();
        builder.Services.AddScoped<Reservations>();
        return builder;
    }
}
