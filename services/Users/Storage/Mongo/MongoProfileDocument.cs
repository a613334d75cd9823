using Marketplace.Users.Domain;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace Marketplace.Users.Storage.Mongo;

/// <summary>
/// A profile in the <c>user_profiles</c> collection, with seed 003's snake_case field names; addresses and
/// preferences are embedded. <see cref="Version"/> guards updates (optimistic concurrency).
/// </summary>
internal sealed class MongoProfileDocument
{
    [BsonId, BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid Id { get; set; }

    [BsonElement("user_id"), BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid UserId { get; set; }

    [BsonElement("phone")] public string? Phone { get; set; }
    [BsonElement("preferences")] public MongoPreferences Preferences { get; set; } = new();
    [BsonElement("addresses")] public List<MongoAddress> Addresses { get; set; } = [];

    [BsonElement("created_at"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; set; }

    [BsonElement("updated_at"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime UpdatedAt { get; set; }

    [BsonElement("version")] public long Version { get; set; }

    public static MongoProfileDocument From(UserProfile profile, long version) => new()
    {
        Id = profile.Id,
        UserId = profile.UserId,
        Phone = profile.Phone,
        Preferences = new MongoPreferences { Newsletter = profile.Preferences.Newsletter, Theme = profile.Preferences.Theme },
        Addresses = profile.Addresses.Select(MongoAddress.From).ToList(),
        CreatedAt = profile.CreatedAt.UtcDateTime,
        UpdatedAt = profile.UpdatedAt.UtcDateTime,
        Version = version,
    };

    public UserProfile ToProfile() => new(
        Id,
        UserId,
        Phone,
        new Preferences(Preferences.Newsletter, Preferences.Theme),
        Addresses.Select(address => address.ToAddress()).ToList(),
        new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)),
        new DateTimeOffset(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc)));
}

internal sealed class MongoPreferences
{
    [BsonElement("newsletter")] public bool Newsletter { get; set; }
    [BsonElement("theme")] public string Theme { get; set; } = "";
}

internal sealed class MongoAddress
{
    [BsonElement("id"), BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid Id { get; set; }

    [BsonElement("street")] public string Street { get; set; } = "";
    [BsonElement("city")] public string City { get; set; } = "";
    [BsonElement("state")] public string? State { get; set; }
    [BsonElement("zip")] public string Zip { get; set; } = "";
    [BsonElement("country")] public string Country { get; set; } = "";
    [BsonElement("is_default")] public bool IsDefault { get; set; }

    public static MongoAddress From(Address address) => new()
    {
        Id = address.Id,
        Street = address.Street,
        City = address.City,
        State = address.State,
        Zip = address.Zip,
        Country = address.Country,
        IsDefault = address.IsDefault,
    };

    public Address ToAddress() => new(Id, Street, City, State, Zip, Country, IsDefault);
}
