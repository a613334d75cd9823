using MongoDB.Driver;

namespace Marketplace.Users.Storage.Mongo;

/// <summary>The filters, updates and indexes the MongoDB repository sends, kept apart so they can be checked as BSON.</summary>
internal static class MongoProfileDefinitions
{
    public const string CollectionName = "user_profiles";
    public const string UserIdIndexName = "ux_user_profiles_user_id";

    private static FilterDefinitionBuilder<MongoProfileDocument> Filter => Builders<MongoProfileDocument>.Filter;
    private static UpdateDefinitionBuilder<MongoProfileDocument> Update => Builders<MongoProfileDocument>.Update;

    public static FilterDefinition<MongoProfileDocument> OfUser(Guid userId) => Filter.Eq(d => d.UserId, userId);

    /// <summary>The user's profile only while it is still at <paramref name="version"/>: a concurrent edit makes it match nothing.</summary>
    public static FilterDefinition<MongoProfileDocument> OfUserAtVersion(Guid userId, long version) =>
        Filter.And(OfUser(userId), Filter.Eq(d => d.Version, version));

    /// <summary>An upsert's update: writes the new profile only when the filter matched no document (user_id comes from the filter).</summary>
    public static UpdateDefinition<MongoProfileDocument> CreateUnlessExists(MongoProfileDocument profile) => Update.Combine(
        Update.SetOnInsert(d => d.Id, profile.Id),
        Update.SetOnInsert(d => d.Phone, profile.Phone),
        Update.SetOnInsert(d => d.Preferences, profile.Preferences),
        Update.SetOnInsert(d => d.Addresses, profile.Addresses),
        Update.SetOnInsert(d => d.CreatedAt, profile.CreatedAt),
        Update.SetOnInsert(d => d.UpdatedAt, profile.UpdatedAt),
        Update.SetOnInsert(d => d.Version, profile.Version));

    /// <summary>Stores an edited profile and moves it to the next version.</summary>
    public static UpdateDefinition<MongoProfileDocument> SaveEdit(MongoProfileDocument profile) => Update.Combine(
        Update.Set(d => d.Phone, profile.Phone),
        Update.Set(d => d.Preferences, profile.Preferences),
        Update.Set(d => d.Addresses, profile.Addresses),
        Update.Set(d => d.UpdatedAt, profile.UpdatedAt),
        Update.Inc(d => d.Version, 1L));

    /// <summary>Seed 003: <c>user_id</c> unique on profiles.</summary>
    public static IReadOnlyList<CreateIndexModel<MongoProfileDocument>> Indexes() =>
    [
        new(Builders<MongoProfileDocument>.IndexKeys.Ascending(d => d.UserId), new CreateIndexOptions { Unique = true, Name = UserIdIndexName }),
    ];
}
