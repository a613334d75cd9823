using Marketplace.Orders.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Orders.Tests;

public sealed class MigrationTests : MigrationsCoverModel<OrdersDbContextFactory, OrdersDbContext>;
