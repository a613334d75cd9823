using FluentValidation;

namespace Marketplace.Auth.Apis.Requests;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().WithMessage("currentPassword is required.").MaximumLength(CredentialRules.MaxPasswordLength);
        RuleFor(r => r.NewPassword).ValidPassword();
    }
}
