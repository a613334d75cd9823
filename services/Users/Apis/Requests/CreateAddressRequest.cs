using FluentValidation;
using Marketplace.Users.Domain;

namespace Marketplace.Users.Apis.Requests;

public sealed record CreateAddressRequest(string? Street, string? City, string? State, string? Zip, string? Country, bool? IsDefault)
{
    public Address ToAddress(Guid id) =>
        new(id, Street!.Trim(), City!.Trim(), TextInput.Clean(State), Zip!.Trim(), Country!.Trim(), IsDefault ?? false);
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
