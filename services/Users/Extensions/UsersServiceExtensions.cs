using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Users.Infrastructure;
using Marketplace.Users.Storage;

namespace Marketplace.Users.Extensions;

public static class UsersServiceExtensions
{
    public static WebApplicationBuilder AddUsersServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<UsersDbContext>();
        builder.AddEventBus<UsersDbContext>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProfileStorage(builder.Configuration);
        return builder;
    }
}
