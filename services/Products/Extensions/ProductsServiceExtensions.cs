using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Products.Infrastructure;
using Marketplace.Products.Storage;

namespace Marketplace.Products.Extensions;

public static class ProductsServiceExtensions
{
    public static WebApplicationBuilder AddProductsServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ProductsDbContext>();
        builder.AddEventBus<ProductsDbContext>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProductStorage(builder.Configuration);
        return builder;
    }
}
