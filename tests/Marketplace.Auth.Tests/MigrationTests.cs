using Marketplace.Auth.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Auth.Tests;

public sealed class MigrationTests : MigrationsCoverModel<AuthDbContextFactory, AuthDbContext>;
