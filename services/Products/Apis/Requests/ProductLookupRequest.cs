using FluentValidation;

namespace Marketplace.Products.Apis.Requests;

/// <summary>A service asking for several products at once (pricing a cart): their ids.</summary>
public sealed record ProductLookupRequest(IReadOnlyList<Guid>? Ids);

public sealed class ProductLookupRequestValidator : AbstractValidator<ProductLookupRequest>
{
    /// <summary>A cart's lines, and then some: the order service asks for one cart's products at a time.</summary>
    public const int MaxIds = 100;

    public ProductLookupRequestValidator()
    {
        RuleFor(request => request.Ids).NotEmpty().WithMessage("Ids must list at least one product id.")
            .Must(ids => ids!.Count <= MaxIds).WithMessage($"Ids may list at most {MaxIds} product ids.");
    }
}
