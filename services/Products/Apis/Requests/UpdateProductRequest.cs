using FluentValidation;

namespace Marketplace.Products.Apis.Requests;

/// <summary>A partial update: fields left out keep their value; <c>images: []</c> removes every image.</summary>
public sealed record UpdateProductRequest(string? Name, string? Description, decimal? Price, string? Category, IReadOnlyList<string?>? Images)
{
    public bool IsEmpty => Name is null && Description is null && Price is null && Category is null && Images is null;
}

public sealed class UpdateProductRequestValidator : AbstractValidator<UpdateProductRequest>
{
    public UpdateProductRequestValidator()
    {
        RuleFor(r => r).Must(r => !r.IsEmpty).WithName("body").OverridePropertyName("body")
            .WithMessage("Send at least one of name, description, price, category, images.");
        RuleFor(r => r.Name).ProductName().When(r => r.Name is not null);
        RuleFor(r => r.Description).ProductDescription().When(r => r.Description is not null);
        RuleFor(r => r.Price).ProductPrice().When(r => r.Price is not null);
        RuleFor(r => r.Category).ProductCategory().When(r => r.Category is not null);
        RuleFor(r => r.Images).ProductImages().When(r => r.Images is not null);
    }
}
