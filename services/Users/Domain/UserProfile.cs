namespace Marketplace.Users.Domain;

/// <summary>
/// A user's profile document: contact phone, preferences and the address book. Every change returns a new
/// version; the rule that at most one address is the default is kept here, so it holds in every storage backend.
/// </summary>
public sealed record UserProfile(
    Guid Id,
    Guid UserId,
    string? Phone,
    Preferences Preferences,
    IReadOnlyList<Address> Addresses,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const int MaxAddresses = 20;
    public const int MaxPhoneLength = 20;

    public static UserProfile New(Guid userId, DateTimeOffset now)
    {
        var timestamp = Timestamp(now);
        return new UserProfile(Guid.CreateVersion7(), userId, null, Preferences.Default, [], timestamp, timestamp);
    }

    public bool HasRoomForAddress() => Addresses.Count < MaxAddresses;

    public Address? FindAddress(Guid addressId) => Addresses.FirstOrDefault(address => address.Id == addressId);

    public UserProfile WithContact(string? phone, Preferences preferences, DateTimeOffset now) =>
        this with { Phone = phone, Preferences = preferences, UpdatedAt = Timestamp(now) };

    /// <summary>Appends an address; when it is the default, no other address stays default.</summary>
    public UserProfile AddAddress(Address address, DateTimeOffset now) =>
        WithAddresses([.. Addresses, address], address, now);

    /// <summary>Replaces the address with the same id; when it is the default, no other address stays default.</summary>
    public UserProfile ReplaceAddress(Address address, DateTimeOffset now) =>
        WithAddresses(Addresses.Select(existing => existing.Id == address.Id ? address : existing), address, now);

    public UserProfile RemoveAddress(Guid addressId, DateTimeOffset now) =>
        this with { Addresses = Addresses.Where(address => address.Id != addressId).ToList(), UpdatedAt = Timestamp(now) };

    /// <summary>Millisecond precision: what every backend stores, so a profile reads back equal to what was written.</summary>
    public static DateTimeOffset Timestamp(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private UserProfile WithAddresses(IEnumerable<Address> addresses, Address changed, DateTimeOffset now) =>
        this with
        {
            Addresses = addresses
                .Select(address => changed.IsDefault && address.Id != changed.Id && address.IsDefault ? address with { IsDefault = false } : address)
                .ToList(),
            UpdatedAt = Timestamp(now),
        };
}
