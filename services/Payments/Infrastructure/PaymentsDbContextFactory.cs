using Marketplace.BuildingBlocks.Persistence;

namespace Marketplace.Payments.Infrastructure;

public sealed class PaymentsDbContextFactory() : DesignTimeDbContextFactory<PaymentsDbContext>("payment_service");
