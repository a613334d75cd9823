using Marketplace.BuildingBlocks.Messaging;
using Marketplace.Payments.Domain;
using Marketplace.Payments.Gateway;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Payments.Infrastructure;

public sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : DbContext(options)
{
    public DbSet<PaymentTransaction> Transactions => Set<PaymentTransaction>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PaymentTransaction>(transaction =>
        {
            transaction.ToTable("transactions", table => table.HasCheckConstraint(
                "ck_transactions_status", "status IN ('Pending', 'Completed', 'Failed', 'Refunded')"));
            transaction.HasKey(t => t.Id);
            transaction.Property(t => t.IdempotencyKey).HasMaxLength(100);
            transaction.Property(t => t.Amount).HasPrecision(10, 2);
            transaction.Property(t => t.Currency).HasMaxLength(3).IsFixedLength().HasDefaultValue(PaymentTransaction.DefaultCurrency);
            transaction.Property(t => t.Status).HasConversion<string>().HasMaxLength(20).HasDefaultValue(PaymentStatus.Pending).HasSentinel((PaymentStatus)(-1));
            transaction.Property(t => t.PaymentMethod).HasMaxLength(50).HasDefaultValue(PaymentTransaction.DefaultPaymentMethod);
            transaction.Property(t => t.ProviderTransactionId).HasMaxLength(255);
            transaction.Property(t => t.FailureReason).HasMaxLength(500);
            transaction.Property(t => t.CreatedAt).HasDefaultValueSql("now()");
            transaction.Property(t => t.UpdatedAt).HasDefaultValueSql("now()");
            transaction.Property(t => t.Version).IsRowVersion();
            transaction.HasIndex(t => t.OrderId).IsUnique();
            transaction.HasIndex(t => t.IdempotencyKey).IsUnique();
            transaction.HasIndex(t => new { t.UserId, t.CreatedAt });
            transaction.HasIndex(t => t.ProviderTransactionId);
            transaction.HasIndex(t => t.Status);
        });
        modelBuilder.Entity<SandboxCharge>(charge =>
        {
            charge.ToTable("sandbox_charges");
            charge.HasKey(c => c.IdempotencyKey);
            charge.Property(c => c.IdempotencyKey).HasMaxLength(150);
            charge.Property(c => c.ProviderTransactionId).HasMaxLength(255);
            charge.Property(c => c.Amount).HasPrecision(10, 2);
            charge.Property(c => c.Currency).HasMaxLength(3);
            charge.HasIndex(c => c.ProviderTransactionId).IsUnique();
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
