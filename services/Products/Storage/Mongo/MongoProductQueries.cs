using System.Text.RegularExpressions;
using Marketplace.Products.Domain;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Marketplace.Products.Storage.Mongo;

/// <summary>Filters, orders and indexes of the products collection (pure definitions, rendered by the driver).</summary>
internal static class MongoProductQueries
{
    private static readonly FilterDefinitionBuilder<MongoProductDocument> Filter = Builders<MongoProductDocument>.Filter;
    private static readonly SortDefinitionBuilder<MongoProductDocument> Sort = Builders<MongoProductDocument>.Sort;
    private static readonly IndexKeysDefinitionBuilder<MongoProductDocument> Keys = Builders<MongoProductDocument>.IndexKeys;

    public static FilterDefinition<MongoProductDocument> Where(ProductQuery query)
    {
        var filters = new List<FilterDefinition<MongoProductDocument>>();
        if (query.Category is not null)
        {
            filters.Add(Filter.Eq(d => d.Category, query.Category));
        }

        if (query.MinPrice is not null)
        {
            filters.Add(Filter.Gte(d => d.Price, query.MinPrice.Value));
        }

        if (query.MaxPrice is not null)
        {
            filters.Add(Filter.Lte(d => d.Price, query.MaxPrice.Value));
        }

        if (query.HasSearch)
        {
            // Anchored, case-sensitive regexes over lower-cased words: prefix scans of the search_terms index.
            filters.AddRange(query.SearchTerms!.Select(term =>
                Filter.Regex(d => d.SearchTerms, new BsonRegularExpression("^" + Regex.Escape(term)))));
        }

        return filters.Count == 0 ? Filter.Empty : Filter.And(filters);
    }

    /// <summary>Ties are broken by id in the sort's direction, as the jsonb backend does.</summary>
    public static SortDefinition<MongoProductDocument> OrderBy(ProductSort sort) => sort switch
    {
        ProductSort.OldestFirst => Sort.Ascending(d => d.CreatedAt).Ascending(d => d.Id),
        ProductSort.PriceAscending => Sort.Ascending(d => d.Price).Ascending(d => d.Id),
        ProductSort.PriceDescending => Sort.Descending(d => d.Price).Descending(d => d.Id),
        ProductSort.Name => Sort.Ascending(d => d.NameKey).Ascending(d => d.Id),
        _ => Sort.Descending(d => d.CreatedAt).Descending(d => d.Id),
    };

    /// <summary>
    /// Seed 003's indexes (category, price, created_at; the sorted ones end with _id so they serve the whole order),
    /// the owner, the name order and the search words (a multikey index that anchored regexes scan by prefix).
    /// </summary>
    public static IReadOnlyList<CreateIndexModel<MongoProductDocument>> Indexes() =>
    [
        new(Keys.Ascending(d => d.Category), new CreateIndexOptions { Name = "ix_category" }),
        new(Keys.Ascending(d => d.Price).Ascending(d => d.Id), new CreateIndexOptions { Name = "ix_price" }),
        new(Keys.Descending(d => d.CreatedAt).Descending(d => d.Id), new CreateIndexOptions { Name = "ix_created_at" }),
        new(Keys.Ascending(d => d.UserId), new CreateIndexOptions { Name = "ix_user_id" }),
        new(Keys.Ascending(d => d.NameKey).Ascending(d => d.Id), new CreateIndexOptions { Name = "ix_name_key" }),
        new(Keys.Ascending(d => d.SearchTerms), new CreateIndexOptions { Name = "ix_search_terms" }),
    ];

    /// <summary>Product counts per category, by category name.</summary>
    public static PipelineDefinition<MongoProductDocument, BsonDocument> CategoryCounts() =>
        new BsonDocument[]
        {
            new("$group", new BsonDocument { ["_id"] = "$category", ["count"] = new BsonDocument("$sum", 1) }),
            new("$sort", new BsonDocument("_id", 1)),
        };
}
