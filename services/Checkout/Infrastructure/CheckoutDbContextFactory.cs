using Marketplace.BuildingBlocks.Persistence;

namespace Marketplace.Checkout.Infrastructure;

public sealed class CheckoutDbContextFactory() : DesignTimeDbContextFactory<CheckoutDbContext>("checkout_service");
