using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Inventory.Domain;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Inventory.Infrastructure;

public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options)
{
    public DbSet<InventoryItem> Inventories => Set<InventoryItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InventoryItem>(item =>
        {
            item.ToTable("inventories", table =>
            {
                table.HasCheckConstraint("ck_inventories_quantity", "quantity >= 0");
                table.HasCheckConstraint("ck_inventories_reserved", "reserved >= 0");
                table.HasCheckConstraint("ck_inventories_low_stock_threshold", "low_stock_threshold >= 0");
            });
            item.HasKey(i => i.Id);
            item.HasIndex(i => i.ProductId).IsUnique();
            item.HasIndex(i => new { i.Quantity, i.LowStockThreshold });
            item.Property(i => i.LowStockThreshold).HasDefaultValue(InventoryItem.DefaultLowStockThreshold);
            item.Property(i => i.LastUpdated).HasDefaultValueSql("now()");
            item.Ignore(i => i.IsLowStock);
            item.Ignore(i => i.IsSoldOut);
        });
        modelBuilder.Entity<Reservation>(reservation =>
        {
            reservation.ToTable("reservations");
            reservation.HasKey(r => r.Id);
            reservation.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            reservation.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.ReservationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ReservationItem>(item =>
        {
            item.ToTable("reservation_items", table => table.HasCheckConstraint("ck_reservation_items_quantity", "quantity >= 0"));
            item.HasKey(i => new { i.ReservationId, i.ProductId });
            item.HasIndex(i => i.ProductId);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
