using Marketplace.Users.Infrastructure;
using Marketplace.Testing;

namespace Marketplace.Users.Tests;

public sealed class MigrationTests : MigrationsCoverModel<UsersDbContextFactory, UsersDbContext>;
