using Marketplace.Users.Domain;
using MongoDB.Driver;

namespace Marketplace.Users.Storage.Mongo;

/// <summary>
/// Profiles in MongoDB. Creation is an upsert guarded by the unique index on <c>user_id</c>; an edit writes only
/// if the profile is still at the version it read, and reads again and retries when a concurrent edit won.
/// </summary>
internal sealed class MongoProfileRepository(IMongoCollection<MongoProfileDocument> profiles, TimeProvider clock) : IProfileRepository
{
    private const int MaxEditAttempts = 20;

    public async Task<UserProfile?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        (await FindDocumentAsync(userId, cancellationToken))?.ToProfile();

    public async Task<bool> CreateIfMissingAsync(Guid userId, CancellationToken cancellationToken)
    {
        var profile = MongoProfileDocument.From(UserProfile.New(userId, clock.GetUtcNow()), version: 1);
        try
        {
            var result = await profiles.UpdateOneAsync(
                MongoProfileDefinitions.OfUser(userId),
                MongoProfileDefinitions.CreateUnlessExists(profile),
                new UpdateOptions { IsUpsert = true },
                cancellationToken);
            return result.UpsertedId is not null;
        }
        catch (MongoWriteException exception) when (exception.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false; // a concurrent upsert inserted it first
        }
    }

    public async Task<UserProfile> GetOrCreateAsync(Guid userId, CancellationToken cancellationToken) =>
        (await GetOrCreateDocumentAsync(userId, cancellationToken)).ToProfile();

    public async Task<T> EditAsync<T>(Guid userId, Func<UserProfile, ProfileEdit<T>> edit, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxEditAttempts; attempt++)
        {
            var current = await GetOrCreateDocumentAsync(userId, cancellationToken);
            var outcome = edit(current.ToProfile());
            if (outcome.Changed is null)
            {
                return outcome.Result;
            }

            var result = await profiles.UpdateOneAsync(
                MongoProfileDefinitions.OfUserAtVersion(userId, current.Version),
                MongoProfileDefinitions.SaveEdit(MongoProfileDocument.From(outcome.Changed, current.Version)),
                cancellationToken: cancellationToken);
            if (result.MatchedCount == 1)
            {
                return outcome.Result;
            }
        }

        throw new InvalidOperationException($"The profile of {userId} kept changing; the edit was not applied.");
    }

    private async Task<MongoProfileDocument?> FindDocumentAsync(Guid userId, CancellationToken cancellationToken) =>
        await profiles.Find(MongoProfileDefinitions.OfUser(userId)).FirstOrDefaultAsync(cancellationToken);

    private async Task<MongoProfileDocument> GetOrCreateDocumentAsync(Guid userId, CancellationToken cancellationToken)
    {
        var existing = await FindDocumentAsync(userId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        await CreateIfMissingAsync(userId, cancellationToken);
        return await FindDocumentAsync(userId, cancellationToken)
            ?? throw new InvalidOperationException($"The profile of {userId} vanished after its creation.");
    }
}
