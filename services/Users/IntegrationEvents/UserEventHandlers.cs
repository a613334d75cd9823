using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Users.Infrastructure;
using Marketplace.Users.Storage;

namespace Marketplace.Users.IntegrationEvents;

public static class UserEventHandlers
{
    public const string ProfileCreationConsumer = "users.create-profile";

    public static IEndpointRouteBuilder MapUserEventHandlers(this IEndpointRouteBuilder app)
    {
        app.MapSubscription<UserRegistered>(OnUserRegisteredAsync);
        return app;
    }

    /// <summary>
    /// Creates the new user's profile once: the inbox absorbs a redelivered or replayed event, and a profile the
    /// user already got lazily (the event came late) is kept as it is.
    /// </summary>
    public static async Task<IResult> OnUserRegisteredAsync(
        UserRegistered registered, UsersDbContext db, IProfileRepository profiles, CancellationToken cancellationToken)
    {
        if (registered.UserId == Guid.Empty)
        {
            return EventResults.Drop();
        }

        await db.HandleOnceAsync(registered, ProfileCreationConsumer, token => profiles.CreateIfMissingAsync(registered.UserId, token), cancellationToken);
        return EventResults.Success();
    }
}
