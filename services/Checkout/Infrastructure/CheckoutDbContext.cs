using Marketplace.BuildingBlocks.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Checkout.Infrastructure;

public sealed class CheckoutDbContext(DbContextOptions<CheckoutDbContext> options) : DbContext(options)
{
    public DbSet<CheckoutSaga> Checkouts => Set<CheckoutSaga>();
    public DbSet<CheckoutStepRecord> Steps => Set<CheckoutStepRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CheckoutSaga>(saga =>
        {
            saga.ToTable("checkouts");
            saga.HasKey(s => s.Id);
            saga.Property(s => s.IdempotencyKey).HasMaxLength(255);
            saga.Property(s => s.RequestHash).HasMaxLength(64);
            saga.Property(s => s.Input).HasColumnType("jsonb");
            saga.Property(s => s.Result).HasColumnType("jsonb");
            saga.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            saga.Property(s => s.Step).HasMaxLength(50);
            saga.Property(s => s.LeaseOwner).HasMaxLength(200);
            saga.HasIndex(s => new { s.UserId, s.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
            saga.HasIndex(s => s.NextAttemptAt).HasFilter("status <> 'Completed'").HasDatabaseName("ix_checkouts_unfinished");
        });
        modelBuilder.Entity<CheckoutStepRecord>(step =>
        {
            step.ToTable("checkout_steps");
            step.HasKey(s => new { s.CheckoutId, s.Name });
            step.Property(s => s.Name).HasMaxLength(50);
            step.Property(s => s.Result).HasColumnType("jsonb");
            step.Property(s => s.Error).HasMaxLength(2000);
            step.HasOne<CheckoutSaga>().WithMany().HasForeignKey(s => s.CheckoutId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
