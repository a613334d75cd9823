using Marketplace.Products.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

public sealed class MigrationTests : MigrationsCoverModel<ProductsDbContextFactory, ProductsDbContext>;
