using FluentValidation;

namespace Marketplace.Auth.Apis.Requests;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().WithMessage("currentPassword is required.")
            .MaximumLength(CredentialRules.MaxPasswordLength).WithMessage($"currentPassword must be at most {CredentialRules.MaxPasswordLength} characters.");
        RuleFor(r => r.NewPassword).ValidPassword()
            .NotEqual(r => r.CurrentPassword, StringComparer.Ordinal).WithMessage("newPassword must differ from the current password.");
    }
}
