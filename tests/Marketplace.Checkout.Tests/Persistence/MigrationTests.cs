using Marketplace.Checkout.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Checkout.Tests.Persistence;

public sealed class MigrationTests : MigrationsCoverModel<CheckoutDbContextFactory, CheckoutDbContext>;
