using Dapper;
using Marketplace.Products.Domain;

namespace Marketplace.Products.Storage.Postgres;

/// <summary>
/// SQL over the jsonb documents. Each expression here is the expression of an index of the migration,
/// so filters and orders are served by those indexes.
/// </summary>
internal static class JsonbProductSql
{
    public const string Category = "(doc->>'category')";
    public const string Price = "((doc->>'price')::numeric)";
    public const string CreatedAt = "(doc->>'createdAt')";
    public const string NameKey = "lower(doc->>'name')";
    public const string SearchVector = "to_tsvector('simple', doc->>'searchText')";

    /// <summary>The WHERE clause (empty without filters) and its parameters.</summary>
    public static (string Where, DynamicParameters Parameters) Where(ProductQuery query)
    {
        var conditions = new List<string>();
        var parameters = new DynamicParameters();
        if (query.Category is not null)
        {
            conditions.Add($"{Category} = @category");
            parameters.Add("category", query.Category);
        }

        if (query.MinPrice is not null)
        {
            conditions.Add($"{Price} >= @minPrice");
            parameters.Add("minPrice", query.MinPrice);
        }

        if (query.MaxPrice is not null)
        {
            conditions.Add($"{Price} <= @maxPrice");
            parameters.Add("maxPrice", query.MaxPrice);
        }

        if (query.HasSearch)
        {
            conditions.Add($"{SearchVector} @@ to_tsquery('simple', @search)");
            parameters.Add("search", PrefixQuery(query.SearchTerms!));
        }

        return (conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions), parameters);
    }

    /// <summary>Every term as a prefix, all required: <c>lap:* &amp; pro:*</c>. Terms are letters and digits only.</summary>
    public static string PrefixQuery(IEnumerable<string> terms) => string.Join(" & ", terms.Select(term => term + ":*"));

    /// <summary>Ties are broken by id in the sort's direction, so one backward or forward index scan serves the order.</summary>
    public static string OrderBy(ProductSort sort) => sort switch
    {
        ProductSort.OldestFirst => $"{CreatedAt}, id",
        ProductSort.PriceAscending => $"{Price}, id",
        ProductSort.PriceDescending => $"{Price} DESC, id DESC",
        ProductSort.Name => $"{NameKey}, id",
        _ => $"{CreatedAt} DESC, id DESC",
    };
}
