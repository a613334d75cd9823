namespace Marketplace.Users.Domain;

/// <summary>One address of a user's address book; the field limits are seed 003's column sizes.</summary>
public sealed record Address(Guid Id, string Street, string City, string? State, string Zip, string Country, bool IsDefault)
{
    public const int MaxStreetLength = 255;
    public const int MaxCityLength = 100;
    public const int MaxStateLength = 100;
    public const int MaxZipLength = 20;
    public const int MaxCountryLength = 100;
}
