using Marketplace.BuildingBlocks.Caching;
using Marketplace.Products.Storage;

namespace Marketplace.Products.Extensions;

public static class ProductsServiceExtensions
{
    public static WebApplicationBuilder AddProductsServices(this WebApplicationBuilder builder)
    {
        builder.AddProductStorage();
        builder.Services.Configure<ProductsOptions>(builder.Configuration.GetSection(ProductsOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCatalogCache<ProductsOptions>(options => options.CatalogCacheDuration);
        return builder;
    }
}
