using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Users.Domain;
using Marketplace.Users.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Users.Storage.Postgres;

/// <summary>
/// Profiles as jsonb documents in <c>user_profiles</c>. An edit locks the profile's row (<c>FOR UPDATE</c>) for its
/// read-modify-write, so concurrent edits of one user's profile run one after the other. Statements join the
/// context's current transaction, so an event handler's inbox row commits together with the profile it creates. Reads
/// are SQL on the context's connection: EF Core's query pipeline, loaded by its first query, is never needed.
/// </summary>
internal sealed class PostgresProfileRepository(UsersDbContext db, TimeProvider clock) : IProfileRepository
{
    public Task<UserProfile?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        ReadOneAsync("SELECT doc::text FROM user_profiles WHERE user_id = @user_id", userId, cancellationToken);

    public async Task<bool> CreateIfMissingAsync(Guid userId, CancellationToken cancellationToken)
    {
        var profile = UserProfile.New(userId, clock.GetUtcNow());
        var doc = JsonbProfile.Serialize(profile);
        // A concurrent creator's insert makes this one wait for its commit and then do nothing.
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO user_profiles (id, doc) VALUES ({profile.Id}, {doc}::jsonb) ON CONFLICT (user_id) DO NOTHING",
            cancellationToken);
        return inserted == 1;
    }

    public async Task<UserProfile> GetOrCreateAsync(Guid userId, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(userId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        await CreateIfMissingAsync(userId, cancellationToken);
        return await FindAsync(userId, cancellationToken) ?? throw new InvalidOperationException($"The profile of {userId} vanished after its creation.");
    }

    public async Task<T> EditAsync<T>(Guid userId, Func<UserProfile, ProfileEdit<T>> edit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(userId, cancellationToken);
        if (current is null)
        {
            await CreateIfMissingAsync(userId, cancellationToken);
            current = await LockAsync(userId, cancellationToken)
                ?? throw new InvalidOperationException($"The profile of {userId} vanished after its creation.");
        }

        var outcome = edit(current);
        if (outcome.Changed is not null)
        {
            var doc = JsonbProfile.Serialize(outcome.Changed);
            await db.Database.ExecuteSqlAsync($"UPDATE user_profiles SET doc = {doc}::jsonb WHERE user_id = {userId}", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return outcome.Result;
    }

    private Task<UserProfile?> LockAsync(Guid userId, CancellationToken cancellationToken) =>
        ReadOneAsync("SELECT doc::text FROM user_profiles WHERE user_id = @user_id FOR UPDATE", userId, cancellationToken);

    private Task<UserProfile?> ReadOneAsync(string sql, Guid userId, CancellationToken cancellationToken) =>
        db.ReadBatchAsync(
            [SqlRows.Command(sql, ("user_id", userId))],
            async (reader, token) => await reader.ReadAsync(token) ? JsonbProfile.Deserialize(reader.GetString(0)) : null,
            cancellationToken);
}
