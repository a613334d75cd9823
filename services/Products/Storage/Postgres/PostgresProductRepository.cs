using System.Data.Common;
using Dapper;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Products.Domain;
using Marketplace.Products.Infrastructure;
using Marketplace.Products.IntegrationEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Marketplace.Products.Storage.Postgres;

/// <summary>
/// Products as jsonb documents. Reads are raw SQL over the expression indexes; each write and its outbox event
/// commit in one PostgreSQL transaction, sent as SQL too: without EF Core's change tracking and update pipeline, which
/// a service loads (and keeps in memory) the first time it saves changes.
/// </summary>
internal sealed class PostgresProductRepository(ProductsDbContext db, OutboxSignal signal) : IProductRepository
{
    private DbConnection Connection => db.Database.GetDbConnection();

    public async Task<Product?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var doc = await Connection.QuerySingleOrDefaultAsync<string>(
            new CommandDefinition("SELECT doc::text FROM products WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return doc is null ? null : JsonbProduct.Deserialize(doc);
    }

    public async Task<IReadOnlyList<Product>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var docs = await Connection.QueryAsync<string>(
            new CommandDefinition("SELECT doc::text FROM products WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, cancellationToken: cancellationToken));
        return docs.Select(JsonbProduct.Deserialize).ToList();
    }

    /// <summary>The total and the page in one round trip.</summary>
    public async Task<ProductPage> ListAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var (where, parameters) = JsonbProductSql.Where(query);
        parameters.Add("limit", query.Limit);
        parameters.Add("skip", query.Skip);
        var sql = $"SELECT count(*) FROM products{where}; "
            + $"SELECT doc::text FROM products{where} ORDER BY {JsonbProductSql.OrderBy(query.Sort)} LIMIT @limit OFFSET @skip";
        await using var results = await Connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var total = await results.ReadSingleAsync<long>();
        var docs = await results.ReadAsync<string>();
        return new ProductPage(docs.Select(JsonbProduct.Deserialize).ToList(), total);
    }

    public async Task<IReadOnlyList<CategoryCount>> CategoriesAsync(CancellationToken cancellationToken)
    {
        var rows = await Connection.QueryAsync<CategoryCount>(new CommandDefinition(
            $"SELECT {JsonbProductSql.Category} AS category, count(*) AS count FROM products GROUP BY 1 ORDER BY 1",
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        Connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM products", cancellationToken: cancellationToken));

    /// <summary>The product and its event in one batch, which PostgreSQL runs as one transaction.</summary>
    public async Task AddAsync(Product product, CancellationToken cancellationToken)
    {
        await db.ExecuteBatchAsync(
            [
                SqlRows.Command("INSERT INTO products (id, doc) VALUES (@id, @doc::jsonb)", ("id", product.Id), ("doc", JsonbProduct.Serialize(product))),
                Outbox.InsertCommand(OutboxMessage.For(ProductCreated.Of(product))),
            ],
            cancellationToken);
        signal.Notify();
    }

    /// <summary>Analyzes the table afterwards: the planner has no statistics for the expression indexes until it has.</summary>
    public async Task AddManyAsync(IReadOnlyCollection<Product> products, CancellationToken cancellationToken)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await JsonbBulkCopy.WriteAsync(Connection, products, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // The copied events bypassed the change tracker, so nothing else tells the relay about them.
        signal.Notify();

        await Connection.ExecuteAsync(new CommandDefinition("ANALYZE products", cancellationToken: cancellationToken));
    }

    public async Task<Product?> UpdateAsync(Guid id, Func<Product, Product> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var doc = await Connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT doc::text FROM products WHERE id = @id FOR UPDATE", new { id }, transaction.GetDbTransaction(), cancellationToken: cancellationToken));
        if (doc is null)
        {
            return null;
        }

        var before = JsonbProduct.Deserialize(doc);
        var after = change(before);
        await db.ExecuteBatchAsync(
            [
                SqlRows.Command("UPDATE products SET doc = @doc::jsonb WHERE id = @id", ("id", id), ("doc", JsonbProduct.Serialize(after))),
                Outbox.InsertCommand(OutboxMessage.For(ProductUpdated.Of(before, after))),
            ],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return after;
    }

    /// <summary>The row goes and its event is stored in one statement; false when there was no such product.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var delete = Outbox.InsertCommand(
                OutboxMessage.For(new ProductDeleted(id)), onlyAfter: $"WITH {Outbox.ChangedRows} AS (DELETE FROM products WHERE id = @id RETURNING id)")
            .WithParameters(("id", id));
        await db.ExecuteBatchAsync([delete], cancellationToken);
        if (delete.RecordsAffected == 0)
        {
            return false;
        }

        signal.Notify();
        return true;
    }
}
