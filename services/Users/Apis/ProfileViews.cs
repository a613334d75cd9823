using Marketplace.Users.Domain;

namespace Marketplace.Users.Apis;

public sealed record ProfileView(
    Guid Id,
    Guid UserId,
    string? Phone,
    IReadOnlyList<AddressView> Addresses,
    PreferencesView Preferences,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProfileView Of(UserProfile profile) => new(
        profile.Id,
        profile.UserId,
        profile.Phone,
        profile.Addresses.Select(AddressView.Of).ToList(),
        new PreferencesView(profile.Preferences.Newsletter, profile.Preferences.Theme),
        profile.CreatedAt,
        profile.UpdatedAt);
}

public sealed record PreferencesView(bool Newsletter, string Theme);

public sealed record AddressView(Guid Id, string Street, string City, string? State, string Zip, string Country, bool IsDefault)
{
    public static AddressView Of(Address address) =>
        new(address.Id, address.Street, address.City, address.State, address.Zip, address.Country, address.IsDefault);
}

public sealed record DeletedView(Guid Id);
