using Dapper;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Products.Domain;
using Marketplace.Products.Infrastructure;
using Marketplace.Products.IntegrationEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Marketplace.Products.Storage.Postgres;

/// <summary>Products as jsonb documents; each write and its outbox event commit in one transaction.</summary>
internal sealed class PostgresProductRepository(ProductsDbContext db) : IProductRepository
{
    public async Task<Product?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var doc = await db.Database.GetDbConnection().QuerySingleOrDefaultAsync<string>(
            new CommandDefinition("SELECT doc::text FROM products WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return doc is null ? null : JsonbProduct.Deserialize(doc);
    }

    public async Task<ProductPage> ListAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var (where, parameters) = JsonbProductSql.Where(query);
        var total = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition("SELECT count(*) FROM products" + where, parameters, cancellationToken: cancellationToken));
        if (total <= query.Skip)
        {
            return new ProductPage([], total);
        }

        parameters.Add("limit", query.Limit);
        parameters.Add("skip", query.Skip);
        var sql = "SELECT doc::text FROM products" + where + " ORDER BY " + JsonbProductSql.OrderBy(query.Sort) + " LIMIT @limit OFFSET @skip";
        var docs = await connection.QueryAsync<string>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return new ProductPage(docs.Select(JsonbProduct.Deserialize).ToList(), total);
    }

    public async Task<IReadOnlyList<CategoryCount>> CategoriesAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Database.GetDbConnection().QueryAsync<CategoryCount>(new CommandDefinition(
            $"SELECT {JsonbProductSql.Category} AS category, count(*) AS count FROM products GROUP BY 1 ORDER BY 1",
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        db.Database.GetDbConnection().ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM products", cancellationToken: cancellationToken));

    public async Task AddAsync(Product product, ProductCreated created, CancellationToken cancellationToken)
    {
        db.Products.Add(new ProductRow { Id = product.Id, Doc = JsonbProduct.Serialize(product) });
        db.AddEvent(created);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Product?> UpdateAsync(Guid id, Func<Product, Product> change, Func<Product, Product, ProductUpdated> updated, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var doc = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT doc::text FROM products WHERE id = @id FOR UPDATE", new { id }, transaction.GetDbTransaction(), cancellationToken: cancellationToken));
        if (doc is null)
        {
            return null;
        }

        var before = JsonbProduct.Deserialize(doc);
        var after = change(before);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE products SET doc = @doc::jsonb WHERE id = @id", new { id, doc = JsonbProduct.Serialize(after) }, transaction.GetDbTransaction(), cancellationToken: cancellationToken));
        db.AddEvent(updated(before, after));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    public async Task<bool> DeleteAsync(Guid id, ProductDeleted deleted, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.Database.GetDbConnection().ExecuteAsync(new CommandDefinition(
            "DELETE FROM products WHERE id = @id", new { id }, transaction.GetDbTransaction(), cancellationToken: cancellationToken));
        if (removed == 0)
        {
            return false;
        }

        db.AddEvent(deleted);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
