using Marketplace.Inventory.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Inventory.Tests;

public sealed class MigrationTests : MigrationsCoverModel<InventoryDbContextFactory, InventoryDbContext>;
