using Marketplace.Users.Domain;

namespace Marketplace.Users.Storage;

/// <summary>
/// Profile documents, one per user, in PostgreSQL jsonb or in MongoDB. Creation is safe against concurrent
/// creators (a unique index on the user id), and edits are atomic read-modify-writes of the whole document.
/// </summary>
public interface IProfileRepository
{
    Task<UserProfile?> FindAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Creates an empty profile unless the user has one; true when this call created it.</summary>
    Task<bool> CreateIfMissingAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The user's profile, created empty first when there is none yet.</summary>
    Task<UserProfile> GetOrCreateAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="edit"/> on the current profile (created empty first when missing) and stores the profile
    /// it returns, with no concurrent edit in between; <paramref name="edit"/> may run again when it lost a race.
    /// </summary>
    Task<T> EditAsync<T>(Guid userId, Func<UserProfile, ProfileEdit<T>> edit, CancellationToken cancellationToken);
}

/// <summary>What an edit decided: the profile to store (none when nothing changes) and the answer for the caller.</summary>
public sealed record ProfileEdit<T>(UserProfile? Changed, T Result);

public static class ProfileEdit
{
    public static ProfileEdit<T> Store<T>(UserProfile changed, T result) => new(changed, result);

    public static ProfileEdit<T> Keep<T>(T result) => new(null, result);
}
