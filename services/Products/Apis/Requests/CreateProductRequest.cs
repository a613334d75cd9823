using FluentValidation;

namespace Marketplace.Products.Apis.Requests;

public sealed record CreateProductRequest(string? Name, string? Description, decimal? Price, string? Category, IReadOnlyList<string?>? Images);

public sealed class CreateProductRequestValidator : AbstractValidator<CreateProductRequest>
{
    public CreateProductRequestValidator()
    {
        RuleFor(r => r.Name).ProductName();
        RuleFor(r => r.Description).ProductDescription();
        RuleFor(r => r.Price).ProductPrice();
        RuleFor(r => r.Category).ProductCategory();
        RuleFor(r => r.Images).ProductImages().When(r => r.Images is not null);
    }
}
