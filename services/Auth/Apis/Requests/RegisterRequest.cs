using FluentValidation;
using Marketplace.BuildingBlocks.Security;

namespace Marketplace.Auth.Apis.Requests;

public sealed record RegisterRequest(string? Name, string? Email, string? Password, string? Role);

public sealed class RegisterRequestValidator : AbstractValidator<RegisterRequest>
{
    public RegisterRequestValidator()
    {
        RuleFor(r => r.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Name is required.")
            .Must(name => name!.Trim().Length is >= 1 and <= 255).WithMessage("Name must be 1 to 255 characters.");
        RuleFor(r => r.Email).ValidEmail();
        RuleFor(r => r.Password).ValidPassword();
        RuleFor(r => r.Role).Must(role => Roles.All.Contains(role!)).When(r => r.Role is not null)
            .WithMessage("Role must be one of customer, vendor, admin.");
    }
}

public static class CredentialRules
{
    public const int MinPasswordLength = 6;
    public const int MaxPasswordLength = 128;
    public const int MaxEmailLength = 255;

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Email is required.")
            .MaximumLength(MaxEmailLength).WithMessage($"Email must be at most {MaxEmailLength} characters.")
            .Matches(@"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$").WithMessage("Email is not a valid e-mail address.");

    public static IRuleBuilderOptions<T, string?> ValidPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Password is required.")
            .Length(MinPasswordLength, MaxPasswordLength).WithMessage($"Password must be {MinPasswordLength} to {MaxPasswordLength} characters.");
}
