using Marketplace.BuildingBlocks.Persistence;

namespace Marketplace.Products.Infrastructure;

public sealed class ProductsDbContextFactory() : DesignTimeDbContextFactory<ProductsDbContext>("product_service");
