using FluentValidation;
using Marketplace.Users.Domain;

namespace Marketplace.Users.Apis.Requests;

public sealed record CreateAddressRequest(string? Street, string? City, string? State, string? Zip, string? Country, bool? IsDefault)
{
    /// <summary>The new address; without an explicit <c>isDefault</c> it is the default only when the user has none.</summary>
    public Address ToAddress(Guid id, UserProfile profile) =>
        new(id, Street!.Trim(), City!.Trim(), TextInput.Clean(State), Zip!.Trim(), Country!.Trim(),
            IsDefault ?? !profile.Addresses.Any(address => address.IsDefault));
}

public sealed class CreateAddressRequestValidator : AbstractValidator<CreateAddressRequest>
{
    public CreateAddressRequestValidator()
    {
        RuleFor(r => r.Street).RequiredText("Street", Address.MaxStreetLength);
        RuleFor(r => r.City).RequiredText("City", Address.MaxCityLength);
        RuleFor(r => r.State).OptionalText("State", Address.MaxStateLength);
        RuleFor(r => r.Zip).PostalCode();
        RuleFor(r => r.Country).RequiredText("Country", Address.MaxCountryLength);
    }
}
