using Marketplace.Users.Domain;
using Marketplace.Users.Storage.Mongo;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace Marketplace.Users.Tests.Storage;

/// <summary>The MongoDB filters, updates and indexes, rendered to the BSON the driver sends to the server.</summary>
public sealed class MongoProfileDefinitionsTests
{
    private const string UserId = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private const string ProfileId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private const string AddressId = "16fd2706-8baf-433b-82eb-8c7fada847da";

    private static readonly RenderArgs<MongoProfileDocument> Args =
        new(BsonSerializer.LookupSerializer<MongoProfileDocument>(), BsonSerializer.SerializerRegistry);

    private static readonly DateTimeOffset Instant = new(2026, 11, 23, 9, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public void The_user_filter_matches_user_id_as_a_standard_uuid()
    {
        var rendered = MongoProfileDefinitions.OfUser(Guid.Parse(UserId)).Render(Args);

        Assert.Equal(BsonDocument.Parse($"{{ user_id: UUID('{UserId}') }}"), rendered);
        Assert.Equal(BsonBinarySubType.UuidStandard, rendered["user_id"].AsBsonBinaryData.SubType);
    }

    [Fact]
    public void The_versioned_filter_also_matches_the_version_read()
    {
        var rendered = MongoProfileDefinitions.OfUserAtVersion(Guid.Parse(UserId), 7).Render(Args);

        Assert.Equal(BsonDocument.Parse($"{{ user_id: UUID('{UserId}'), version: NumberLong(7) }}"), rendered);
    }

    [Fact]
    public void Creation_sets_every_field_but_user_id_only_on_insert()
    {
        var rendered = MongoProfileDefinitions.CreateUnlessExists(MongoProfileDocument.From(Profile(), version: 1)).Render(Args);

        var expected = BsonDocument.Parse($$"""
            { $setOnInsert: {
                _id: UUID('{{ProfileId}}'),
                phone: '+14155550123',
                preferences: { newsletter: false, theme: 'dark' },
                addresses: [ { id: UUID('{{AddressId}}'), street: '1 Main St', city: 'Springfield', state: null, zip: '62701', country: 'US', is_default: true } ],
                created_at: ISODate('2026-11-23T09:30:15.123Z'),
                updated_at: ISODate('2026-11-23T09:30:15.123Z'),
                version: NumberLong(1) } }
            """);
        Assert.Equal(expected, rendered);
    }

    [Fact]
    public void Saving_an_edit_sets_the_mutable_fields_and_bumps_the_version()
    {
        var rendered = MongoProfileDefinitions.SaveEdit(MongoProfileDocument.From(Profile(), version: 3)).Render(Args);

        var expected = BsonDocument.Parse($$"""
            { $set: {
                phone: '+14155550123',
                preferences: { newsletter: false, theme: 'dark' },
                addresses: [ { id: UUID('{{AddressId}}'), street: '1 Main St', city: 'Springfield', state: null, zip: '62701', country: 'US', is_default: true } ],
                updated_at: ISODate('2026-11-23T09:30:15.123Z') },
              $inc: { version: NumberLong(1) } }
            """);
        Assert.Equal(expected, rendered);
    }

    [Fact]
    public void The_only_index_is_a_unique_index_on_user_id()
    {
        var index = Assert.Single(MongoProfileDefinitions.Indexes());

        Assert.Equal(BsonDocument.Parse("{ user_id: 1 }"), index.Keys.Render(Args));
        Assert.True(index.Options.Unique);
        Assert.Equal("ux_user_profiles_user_id", index.Options.Name);
    }

    [Fact]
    public void A_document_converts_back_to_the_same_profile()
    {
        var profile = Profile();

        var roundTripped = MongoProfileDocument.From(profile, version: 1).ToProfile();

        Assert.Equal(profile with { Addresses = [] }, roundTripped with { Addresses = [] });
        Assert.Equal(profile.Addresses, roundTripped.Addresses);
    }

    private static UserProfile Profile() => new(
        Guid.Parse(ProfileId),
        Guid.Parse(UserId),
        "+14155550123",
        new Preferences(false, "dark"),
        [new Address(Guid.Parse(AddressId), "1 Main St", "Springfield", null, "62701", "US", IsDefault: true)],
        Instant,
        Instant);
}
