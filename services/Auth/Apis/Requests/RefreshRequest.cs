using FluentValidation;

namespace Marketplace.Auth.Apis.Requests;

public sealed record RefreshRequest(string? RefreshToken);

public sealed class RefreshRequestValidator : AbstractValidator<RefreshRequest>
{
    private const int MaxTokenLength = 200;

    public RefreshRequestValidator() =>
        RuleFor(r => r.RefreshToken).NotEmpty().WithMessage("refreshToken is required.")
            .MaximumLength(MaxTokenLength).WithMessage($"refreshToken must be at most {MaxTokenLength} characters.");
}
