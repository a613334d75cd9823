using FluentValidation;
using Marketplace.Products.Domain;

namespace Marketplace.Products.Apis.Requests;

/// <summary>The field rules shared by create (every field required) and update (only the fields sent).</summary>
public static class ProductRules
{
    public static IRuleBuilderOptions<T, string?> ProductName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Name is required.")
            .Must(name => name!.Trim().Length <= Product.MaxNameLength).WithMessage($"Name must be 1 to {Product.MaxNameLength} characters.");

    public static IRuleBuilderOptions<T, string?> ProductDescription<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(description => !string.IsNullOrWhiteSpace(description)).WithMessage("Description is required.")
            .Must(description => description!.Trim().Length <= Product.MaxDescriptionLength)
            .WithMessage($"Description must be at most {Product.MaxDescriptionLength} characters.");

    public static IRuleBuilderOptions<T, decimal?> ProductPrice<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.NotNull().WithMessage("Price is required.")
            .Must(price => Product.IsValidPrice(price!.Value))
            .WithMessage("Price must be at least 0 and below 1,000,000, with at most 2 decimals.");

    public static IRuleBuilderOptions<T, string?> ProductCategory<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(category => !string.IsNullOrWhiteSpace(category)).WithMessage("Category is required.")
            .Must(category => category!.Trim().Length <= Product.MaxCategoryLength)
            .WithMessage($"Category must be 1 to {Product.MaxCategoryLength} characters.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string?>?> ProductImages<T>(this IRuleBuilder<T, IReadOnlyList<string?>?> rule) =>
        rule.Must(images => images!.Count <= Product.MaxImages).WithMessage($"At most {Product.MaxImages} images are allowed.")
            .Must(images => images!.All(url => url is not null && Product.IsValidImageUrl(url)))
            .WithMessage($"Every image must be an absolute http(s) URL of at most {Product.MaxImageUrlLength} characters.");

    public static IReadOnlyList<string> CleanImages(IReadOnlyList<string?>? images) => images?.Select(url => url!).ToList() ?? [];
}
