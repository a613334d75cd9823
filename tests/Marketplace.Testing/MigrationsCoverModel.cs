using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Xunit;

namespace Marketplace.Testing;

/// <summary>
/// Fails when a service's EF Core model changed without a migration, so the database its migrations build would not
/// be the one its code expects. A service's tests derive it once, with the service's design-time factory.
/// </summary>
public abstract class MigrationsCoverModel<TFactory, TDbContext>
    where TFactory : IDesignTimeDbContextFactory<TDbContext>, new()
    where TDbContext : DbContext
{
    [Fact]
    public void Every_model_change_has_a_migration()
    {
        using var db = new TFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"{typeof(TDbContext).Name} differs from its latest migration: add a migration (dotnet ef migrations add).");
    }
}
