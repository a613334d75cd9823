using System.Globalization;
using Marketplace.BuildingBlocks.Http;
using Marketplace.Products.Domain;
using Microsoft.Extensions.Primitives;

namespace Marketplace.Products.Apis;

/// <summary>Reads the query string of <c>GET /api/products</c>; every malformed or out-of-range value is a field error.</summary>
public static class ProductListParameters
{
    public const int MaxLimit = 100;
    public const int MaxSearchLength = 200;

    public static readonly IReadOnlyDictionary<string, ProductSort> Sorts = new Dictionary<string, ProductSort>(StringComparer.Ordinal)
    {
        ["createdAt"] = ProductSort.OldestFirst,
        ["-createdAt"] = ProductSort.NewestFirst,
        ["price"] = ProductSort.PriceAscending,
        ["-price"] = ProductSort.PriceDescending,
        ["name"] = ProductSort.Name,
    };

    public static (ProductQuery? Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        var page = Integer(query, "page", 1, Pagination.MaxPage, defaultValue: 1, errors);
        var limit = Integer(query, "limit", 1, MaxLimit, defaultValue: 20, errors);
        var minPrice = Price(query, "minPrice", errors);
        var maxPrice = Price(query, "maxPrice", errors);
        if (minPrice > maxPrice)
        {
            errors["maxPrice"] = ["maxPrice must not be below minPrice."];
        }

        var category = Text(query, "category", Product.MaxCategoryLength, errors);
        var search = Text(query, "q", MaxSearchLength, errors);
        var terms = search is null ? null : SearchTerms.Of(search);
        if (terms?.Count > SearchTerms.MaxQueryTerms)
        {
            errors["q"] = [$"Search for at most {SearchTerms.MaxQueryTerms} words."];
        }

        var sort = ProductSort.NewestFirst;
        if (Single(query, "sort", errors) is { } sortText && !Sorts.TryGetValue(sortText, out sort))
        {
            errors["sort"] = [$"sort must be one of {string.Join(", ", Sorts.Keys)}."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ProductQuery(page, limit, category, minPrice, maxPrice, terms, sort), errors);
    }

    private static string? Single(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out StringValues values))
        {
            return null;
        }

        if (values.Count > 1)
        {
            errors[name] = [$"{name} must be given once."];
            return null;
        }

        return values[0];
    }

    private static int Integer(IQueryCollection query, string name, int min, int max, int defaultValue, Dictionary<string, string[]> errors)
    {
        var text = Single(query, name, errors);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors[name] = [$"{name} must be a whole number from {min} to {max}."];
        }

        return value;
    }

    private static decimal? Price(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        var text = Single(query, name, errors);
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value >= Product.PriceLimit)
        {
            errors[name] = [$"{name} must be a number from 0 to below {Product.PriceLimit.ToString(CultureInfo.InvariantCulture)}."];
            return null;
        }

        return value;
    }

    /// <summary>Optional text; blank counts as absent (a form that sends <c>category=</c> means "any").</summary>
    private static string? Text(IQueryCollection query, string name, int maxLength, Dictionary<string, string[]> errors)
    {
        var text = Single(query, name, errors)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            errors[name] = [$"{name} must be at most {maxLength} characters."];
        }

        return text;
    }
}
