using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Infrastructure;

public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    // A full cart (50 lines of 99 at the catalog's highest price) is worth more than numeric(10,2) holds.
    private const int TotalPrecision = 12;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Cart>(cart =>
        {
            cart.ToTable("carts");
            cart.HasKey(c => c.Id);
            cart.HasIndex(c => c.UserId).IsUnique();
            cart.Property(c => c.TotalPrice).HasPrecision(TotalPrecision, 2).HasDefaultValue(0m);
            cart.Property(c => c.UpdatedAt).HasDefaultValueSql("now()");
            cart.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.CartId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CartItem>(item =>
        {
            item.ToTable("cart_items", table => table.HasCheckConstraint(
                "ck_cart_items_quantity", $"quantity BETWEEN {CartItem.MinQuantity} AND {CartItem.MaxQuantity}"));
            item.HasKey(i => i.Id);
            item.HasIndex(i => new { i.CartId, i.ProductId }).IsUnique();
            item.Property(i => i.Name).HasMaxLength(255);
            item.Property(i => i.Price).HasPrecision(10, 2);
            item.Property(i => i.Quantity).HasDefaultValue(1);
            item.Property(i => i.AddedAt).HasDefaultValueSql("now()");
        });
        modelBuilder.Entity<CatalogPrice>(price =>
        {
            price.ToTable("catalog_prices");
            price.HasKey(p => p.ProductId);
            price.Property(p => p.ProductId).ValueGeneratedNever();
            price.Property(p => p.Price).HasPrecision(10, 2);
        });
        modelBuilder.Entity<ProductAvailability>(availability =>
        {
            availability.ToTable("product_availability");
            availability.HasKey(a => a.ProductId);
            availability.Property(a => a.ProductId).ValueGeneratedNever();
        });
        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("orders", table => table.HasCheckConstraint(
                "ck_orders_status", "status IN ('Pending', 'Confirmed', 'Shipped', 'Delivered', 'Cancelled')"));
            order.HasKey(o => o.Id);
            order.HasIndex(o => o.UserId);
            order.HasIndex(o => o.Status);
            order.HasIndex(o => o.CreatedAt);
            order.HasIndex(o => o.CheckoutId).IsUnique();
            order.Property(o => o.TotalAmount).HasPrecision(TotalPrecision, 2);
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20).HasDefaultValue(OrderStatus.Pending).HasSentinel((OrderStatus)(-1));
            order.Property(o => o.StatusReason).HasMaxLength(Order.MaxStatusReasonLength);
            order.Property(o => o.CreatedAt).HasDefaultValueSql("now()");
            order.Property(o => o.UpdatedAt).HasDefaultValueSql("now()");
            order.Property(o => o.Version).IsRowVersion();
            order.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
            order.HasOne(o => o.ShippingAddress).WithOne().HasForeignKey<ShippingAddress>(a => a.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<OrderItem>(item =>
        {
            item.ToTable("order_items");
            item.HasKey(i => i.Id);
            item.Property(i => i.Name).HasMaxLength(255);
            item.Property(i => i.Price).HasPrecision(10, 2);
        });
        modelBuilder.Entity<ShippingAddress>(address =>
        {
            address.ToTable("shipping_addresses");
            address.HasKey(a => a.Id);
            address.Property(a => a.Street).HasMaxLength(ShippingAddress.MaxStreetLength);
            address.Property(a => a.City).HasMaxLength(ShippingAddress.MaxCityLength);
            address.Property(a => a.Zip).HasMaxLength(ShippingAddress.MaxZipLength);
            address.Property(a => a.Country).HasMaxLength(ShippingAddress.MaxCountryLength);
        });
        modelBuilder.Entity<AbandonedCheckout>(abandoned =>
        {
            abandoned.ToTable("abandoned_checkouts");
            abandoned.HasKey(a => a.CheckoutId);
            abandoned.Property(a => a.CheckoutId).ValueGeneratedNever();
            abandoned.Property(a => a.Reason).HasMaxLength(Order.MaxStatusReasonLength);
            abandoned.Property(a => a.AbandonedAt).HasDefaultValueSql("now()");
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
