using Marketplace.Payments.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Payments.Tests;

public sealed class MigrationTests : MigrationsCoverModel<PaymentsDbContextFactory, PaymentsDbContext>;
