using Marketplace.Products.Domain;
using Marketplace.Products.Storage.Mongo;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace Marketplace.Products.Tests.Storage;

/// <summary>The MongoDB filters, orders, indexes and relay queries, rendered by the driver and compared with the documents the server must receive.</summary>
public sealed class MongoDefinitionTests
{
    private static RenderArgs<T> Args<T>() => new(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry);

    private static BsonDocument Render(FilterDefinition<MongoProductDocument> filter) => filter.Render(Args<MongoProductDocument>());

    /// <summary>Compares documents, not their text: the expected one is written in the shell's notation.</summary>
    private static void AssertRenders(string expected, BsonDocument actual) => Assert.Equal(BsonDocument.Parse(expected), actual);

    [Fact]
    public void No_filter_renders_an_empty_document()
    {
        AssertRenders("{ }", Render(MongoProductQueries.Where(new ProductQuery())));
    }

    [Fact]
    public void Category_and_price_range_render_as_equality_and_decimal_bounds()
    {
        var filter = MongoProductQueries.Where(new ProductQuery(Category: "Books", MinPrice: 10m, MaxPrice: 20.5m));

        AssertRenders(
            """{ "category" : "Books", "price" : { "$gte" : NumberDecimal("10"), "$lte" : NumberDecimal("20.5") } }""",
            Render(filter));
    }

    [Fact]
    public void Search_words_render_as_anchored_regexes_over_the_search_terms()
    {
        var filter = MongoProductQueries.Where(new ProductQuery(Category: "Books", SearchTerms: ["lap", "pro"]));

        AssertRenders(
            """{ "$and" : [{ "category" : "Books" }, { "search_terms" : /^lap/ }, { "search_terms" : /^pro/ }] }""",
            Render(filter));
    }

    [Theory]
    [InlineData(ProductSort.NewestFirst, """{ "created_at" : -1, "_id" : -1 }""")]
    [InlineData(ProductSort.OldestFirst, """{ "created_at" : 1, "_id" : 1 }""")]
    [InlineData(ProductSort.PriceAscending, """{ "price" : 1, "_id" : 1 }""")]
    [InlineData(ProductSort.PriceDescending, """{ "price" : -1, "_id" : -1 }""")]
    [InlineData(ProductSort.Name, """{ "name_key" : 1, "_id" : 1 }""")]
    public void Each_order_renders_its_sort_document(ProductSort sort, string expected)
    {
        AssertRenders(expected, MongoProductQueries.OrderBy(sort).Render(Args<MongoProductDocument>()));
    }

    [Fact]
    public void The_product_indexes_cover_seed_003_and_search()
    {
        var indexes = MongoProductQueries.Indexes()
            .Select(index => $"{index.Options.Name} {index.Keys.Render(Args<MongoProductDocument>())}");

        Assert.Equal(
        [
            """ix_category { "category" : 1 }""",
            """ix_price { "price" : 1, "_id" : 1 }""",
            """ix_created_at { "created_at" : -1, "_id" : -1 }""",
            """ix_user_id { "user_id" : 1 }""",
            """ix_name_key { "name_key" : 1, "_id" : 1 }""",
            """ix_search_terms { "search_terms" : 1 }""",
        ], indexes);
    }

    [Fact]
    public void Category_counts_group_and_sort_by_category()
    {
        var pipeline = MongoProductQueries.CategoryCounts().Render(Args<MongoProductDocument>());

        Assert.Equal(
            ["""{ "$group" : { "_id" : "$category", "count" : { "$sum" : 1 } } }""", """{ "$sort" : { "_id" : 1 } }"""],
            pipeline.Documents.Select(stage => stage.ToString()));
    }

    [Fact]
    public void The_relay_reads_unpublished_events_in_order_and_published_ones_expire()
    {
        var args = Args<MongoOutboxDocument>();
        var indexes = MongoOutboxDocument.Indexes(TimeSpan.FromDays(7));

        AssertRenders("""{ "published_at" : null }""", MongoOutboxDocument.Unpublished.Render(args));
        AssertRenders("""{ "occurred_at" : 1 }""", MongoOutboxDocument.InOrder.Render(args));
        Assert.Equal(
            ["""ix_pending { "published_at" : 1, "occurred_at" : 1 } """, """ix_published_ttl { "published_at" : 1 } 7.00:00:00"""],
            indexes.Select(index => $"{index.Options.Name} {index.Keys.Render(args)} {index.Options.ExpireAfter}"));
    }

    [Fact]
    public void The_relay_lease_is_taken_when_held_by_the_same_relay_or_expired()
    {
        var now = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        var args = Args<BsonDocument>();

        AssertRenders(
            """{ "_id" : "relay", "$or" : [{ "holder" : "a1" }, { "expires_at" : { "$lt" : ISODate("2026-03-01T12:00:00Z") } }] }""",
            MongoOutboxDocument.LeaseAvailableTo("a1", now).Render(args));
        AssertRenders(
            """{ "$set" : { "holder" : "a1", "expires_at" : ISODate("2026-03-01T12:00:30Z") } }""",
            MongoOutboxDocument.TakeLease("a1", now.AddSeconds(30)).Render(args).AsBsonDocument);
    }

    [Fact]
    public void A_product_document_uses_seed_003_field_names_and_exact_types()
    {
        var product = new Product(
            Guid.Parse("00000000-0000-7000-8001-000000000001"), "Wireless Mouse", "Quiet clicks.", 19.99m, "Electronics",
            ["https://img.example/m.jpg"], Guid.Parse("00000000-0000-7000-8000-00000000d3e0"),
            new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 2, 1, 0, 0, TimeSpan.Zero));

        var document = MongoProductDocument.From(product).ToBsonDocument();

        AssertRenders(
            """
                {
                  "_id" : UUID("00000000-0000-7000-8001-000000000001"), "name" : "Wireless Mouse", "name_key" : "wireless mouse",
                  "description" : "Quiet clicks.", "price" : NumberDecimal("19.99"), "category" : "Electronics",
                  "images" : ["https://img.example/m.jpg"], "user_id" : UUID("00000000-0000-7000-8000-00000000d3e0"),
                  "created_at" : ISODate("2026-01-01T01:00:00Z"), "updated_at" : ISODate("2026-01-02T01:00:00Z"),
                  "search_terms" : ["wireless", "mouse", "quiet", "clicks"]
                }
                """,
            document);
        Assert.Equivalent(product, MongoProductDocument.From(product).ToProduct(), strict: true);
    }
}
