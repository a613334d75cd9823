using Marketplace.BuildingBlocks.Persistence;

namespace Marketplace.Auth.Infrastructure;

public sealed class AuthDbContextFactory() : DesignTimeDbContextFactory<AuthDbContext>("auth_service");
