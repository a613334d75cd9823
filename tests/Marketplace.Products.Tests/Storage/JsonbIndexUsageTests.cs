using Dapper;
using Marketplace.Products.Domain;
using Marketplace.Products.Storage.Postgres;
using Npgsql;

namespace Marketplace.Products.Tests.Storage;

/// <summary>
/// The expressions the jsonb repository filters and orders by are the expressions of the migration's indexes:
/// with sequential scans priced out, the planner picks each index, which it only can when the expressions match.
/// </summary>
public sealed class JsonbIndexUsageTests(PostgresStoreFixture store) : IClassFixture<PostgresStoreFixture>
{
    public static TheoryData<string, string> Filters => new()
    {
        { "category", "ix_products_category" },
        { "price", "ix_products_price" },
        { "search", "ix_products_search" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_is_served_by_its_index(string filter, string index)
    {
        var query = filter switch
        {
            "category" => new ProductQuery(Category: "Books"),
            "price" => new ProductQuery(MinPrice: 10m, MaxPrice: 20m),
            _ => new ProductQuery(SearchTerms: SearchTerms.Of("wireless head")),
        };
        var (where, parameters) = JsonbProductSql.Where(query);

        var plan = await ExplainAsync($"SELECT count(*) FROM products{where}", parameters);

        Assert.Contains(index, plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProductSort.NewestFirst, "ix_products_created_at")]
    [InlineData(ProductSort.OldestFirst, "ix_products_created_at")]
    [InlineData(ProductSort.PriceAscending, "ix_products_price")]
    [InlineData(ProductSort.PriceDescending, "ix_products_price")]
    [InlineData(ProductSort.Name, "ix_products_name")]
    public async Task Each_order_is_served_by_its_index_without_a_sort_step(ProductSort sort, string index)
    {
        var plan = await ExplainAsync($"SELECT doc FROM products ORDER BY {JsonbProductSql.OrderBy(sort)} LIMIT 20", null);

        Assert.Contains(index, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
    }

    private async Task<string> ExplainAsync(string sql, object? parameters)
    {
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync("SET enable_seqscan = off");
        return string.Join('\n', await connection.QueryAsync<string>("EXPLAIN " + sql, parameters));
    }
}
