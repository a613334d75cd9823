using Marketplace.BuildingBlocks.Persistence;

namespace Marketplace.Inventory.Infrastructure;

public sealed class InventoryDbContextFactory() : DesignTimeDbContextFactory<InventoryDbContext>("inventory_service");
