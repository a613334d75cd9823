using Marketplace.BuildingBlocks.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Users.Infrastructure;

/// <summary>
/// The PostgreSQL side of the service: the outbox and inbox always, and the profile documents (jsonb) when
/// MongoDB is not configured. <c>user_id</c> is generated from the document, so its unique index guards the document.
/// </summary>
public sealed class UsersDbContext(DbContextOptions<UsersDbContext> options) : DbContext(options)
{
    public DbSet<ProfileRow> Profiles => Set<ProfileRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProfileRow>(profile =>
        {
            profile.ToTable("user_profiles");
            profile.HasKey(p => p.Id);
            profile.Property(p => p.Doc).HasColumnType("jsonb");
            profile.Property(p => p.UserId).HasComputedColumnSql("((doc->>'userId')::uuid)", stored: true);
            profile.HasIndex(p => p.UserId).IsUnique().HasDatabaseName("ux_user_profiles_user_id");
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>One profile document: its id, the jsonb body and the user id generated from it.</summary>
public sealed class ProfileRow
{
    public Guid Id { get; set; }
    public required string Doc { get; set; }
    public Guid UserId { get; set; }
}
