using Marketplace.BuildingBlocks.Persistence;

namespace Marketplace.Users.Infrastructure;

public sealed class UsersDbContextFactory() : DesignTimeDbContextFactory<UsersDbContext>("user_service");
