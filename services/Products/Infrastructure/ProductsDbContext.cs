using Marketplace.BuildingBlocks.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Products.Infrastructure;

/// <summary>
/// The jsonb backend (used unless MongoDB is configured): the product documents, the outbox and the inbox.
/// The document indexes are expression indexes, created by the migration in SQL.
/// </summary>
public sealed class ProductsDbContext(DbContextOptions<ProductsDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProductRow>(product =>
        {
            product.ToTable("products");
            product.HasKey(p => p.Id);
            product.Property(p => p.Doc).HasColumnType("jsonb");
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>One product document: the id and the jsonb body.</summary>
public sealed class ProductRow
{
    public Guid Id { get; set; }
    public required string Doc { get; set; }
}
