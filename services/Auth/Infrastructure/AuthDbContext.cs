using Marketplace.Auth.Domain;
using Marketplace.BuildingBlocks.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Auth.Infrastructure;

public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<LoginThrottle> LoginThrottles => Set<LoginThrottle>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.Property(u => u.Name).HasMaxLength(255);
            user.Property(u => u.Email).HasMaxLength(255);
            user.Property(u => u.PasswordHash).HasMaxLength(255);
            user.Property(u => u.Role).HasMaxLength(20).HasDefaultValue("customer");
            user.Property(u => u.CreatedAt).HasDefaultValueSql("now()");
            user.Property(u => u.UpdatedAt).HasDefaultValueSql("now()");
            user.HasIndex(u => u.Email).IsUnique();
            user.ToTable(table => table.HasCheckConstraint("ck_users_role", "role IN ('customer', 'vendor', 'admin')"));
        });
        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.FamilyId);
            token.HasIndex(t => t.UserId);
            token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<LoginThrottle>(throttle =>
        {
            throttle.ToTable("login_throttles");
            throttle.HasKey(t => t.Email);
            throttle.Property(t => t.Email).HasMaxLength(255);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
