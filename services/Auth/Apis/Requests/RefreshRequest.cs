using FluentValidation;

namespace Marketplace.Auth.Apis.Requests;

public sealed record RefreshRequest(string? RefreshToken);

public sealed class RefreshRequestValidator : AbstractValidator<RefreshRequest>
{
    public RefreshRequestValidator() =>
        RuleFor(r => r.RefreshToken).NotEmpty().WithMessage("refreshToken is required.").MaximumLength(200);
}
