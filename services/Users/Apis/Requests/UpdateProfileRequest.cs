using FluentValidation;
using Marketplace.Users.Domain;

namespace Marketplace.Users.Apis.Requests;

/// <summary>A partial update: fields left out keep their value; <c>phone: ""</c> removes the phone number.</summary>
public sealed record UpdateProfileRequest(string? Phone, PreferencesRequest? Preferences)
{
    public bool IsEmpty => Phone is null && Preferences is null;

    public UserProfile ApplyTo(UserProfile current, DateTimeOffset now) => current.WithContact(
        Phone is null ? current.Phone : TextInput.Clean(Phone),
        new Preferences(Preferences?.Newsletter ?? current.Preferences.Newsletter, Preferences?.Theme ?? current.Preferences.Theme),
        now);
}

public sealed record PreferencesRequest(bool? Newsletter, string? Theme);

public sealed class UpdateProfileRequestValidator : AbstractValidator<UpdateProfileRequest>
{
    /// <summary>E.164: an optional plus, a country code that does not start with 0, at most 15 digits in all.</summary>
    private const string PhonePattern = @"^\+?[1-9][0-9]{6,14}$";

    public UpdateProfileRequestValidator()
    {
        RuleFor(r => r).Must(r => !r.IsEmpty).OverridePropertyName("body").WithMessage("Send at least one of phone, preferences.");
        RuleFor(r => r.Phone)
            .MaximumLength(UserProfile.MaxPhoneLength).WithMessage($"Phone must be at most {UserProfile.MaxPhoneLength} characters.")
            .Matches(PhonePattern).WithMessage("Phone must be an international number such as +14155550123.")
            .When(r => !string.IsNullOrEmpty(r.Phone));
        RuleFor(r => r.Preferences!.Theme)
            .Must(theme => Domain.Preferences.Themes.Contains(theme!)).WithMessage("Theme must be one of light, dark, system.")
            .OverridePropertyName("preferences.theme")
            .When(r => r.Preferences?.Theme is not null);
    }
}
