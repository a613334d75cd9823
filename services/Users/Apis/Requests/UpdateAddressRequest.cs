using FluentValidation;
using Marketplace.Users.Domain;

namespace Marketplace.Users.Apis.Requests;

/// <summary>
/// A partial update: fields left out keep their value; <c>state: ""</c> clears the state; <c>isDefault: true</c>
/// makes the address the only default, <c>false</c> leaves the user without one.
/// </summary>
public sealed record UpdateAddressRequest(string? Street, string? City, string? State, string? Zip, string? Country, bool? IsDefault)
{
    public bool IsEmpty => Street is null && City is null && State is null && Zip is null && Country is null && IsDefault is null;

    public Address ApplyTo(Address current) => current with
    {
        Street = Street?.Trim() ?? current.Street,
        City = City?.Trim() ?? current.City,
        State = State is null ? current.State : TextInput.Clean(State),
        Zip = Zip?.Trim() ?? current.Zip,
        Country = Country?.Trim() ?? current.Country,
        IsDefault = IsDefault ?? current.IsDefault,
    };
}

public sealed class UpdateAddressRequestValidator : AbstractValidator<UpdateAddressRequest>
{
    public UpdateAddressRequestValidator()
    {
        RuleFor(r => r).Must(r => !r.IsEmpty).OverridePropertyName("body")
            .WithMessage("Send at least one of street, city, state, zip, country, isDefault.");
        RuleFor(r => r.Street).RequiredText("Street", Address.MaxStreetLength).When(r => r.Street is not null);
        RuleFor(r => r.City).RequiredText("City", Address.MaxCityLength).When(r => r.City is not null);
        RuleFor(r => r.State).OptionalText("State", Address.MaxStateLength);
        RuleFor(r => r.Zip).PostalCode().When(r => r.Zip is not null);
        RuleFor(r => r.Country).RequiredText("Country", Address.MaxCountryLength).When(r => r.Country is not null);
    }
}
