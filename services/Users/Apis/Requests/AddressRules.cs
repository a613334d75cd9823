using FluentValidation;
using Marketplace.Users.Domain;

namespace Marketplace.Users.Apis.Requests;

/// <summary>The field rules shared by create (street, city, zip and country required) and update (only the fields sent).</summary>
public static class AddressRules
{
    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, string label, int maxLength) =>
        rule.Must(value => !string.IsNullOrWhiteSpace(value)).WithMessage($"{label} is required.")
            .Must(value => value!.Trim().Length <= maxLength).WithMessage($"{label} must be 1 to {maxLength} characters.");

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, string label, int maxLength) =>
        rule.Must(value => value is null || value.Trim().Length <= maxLength).WithMessage($"{label} must be at most {maxLength} characters.");

    public static IRuleBuilderOptions<T, string?> PostalCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.RequiredText("Zip", Address.MaxZipLength)
            .Matches(@"^\s*[A-Za-z0-9][A-Za-z0-9 -]*$").WithMessage("Zip may contain only letters, digits, spaces and hyphens.");
}
