using FluentValidation;

namespace Marketplace.Auth.Apis.Requests;

public sealed record LoginRequest(string? Email, string? Password);

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().WithMessage("Email is required.")
            .MaximumLength(CredentialRules.MaxEmailLength).WithMessage($"Email must be at most {CredentialRules.MaxEmailLength} characters.");
        RuleFor(r => r.Password).NotEmpty().WithMessage("Password is required.")
            .MaximumLength(CredentialRules.MaxPasswordLength).WithMessage($"Password must be at most {CredentialRules.MaxPasswordLength} characters.");
    }
}
