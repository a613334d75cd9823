using Marketplace.BuildingBlocks.Persistence;

namespace Marketplace.Orders.Infrastructure;

public sealed class OrdersDbContextFactory() : DesignTimeDbContextFactory<OrdersDbContext>("order_service");
