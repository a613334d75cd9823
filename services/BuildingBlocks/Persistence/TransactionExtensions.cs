using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Marketplace.BuildingBlocks.Persistence;

public static class TransactionExtensions
{
    /// <summary>
    /// Begins a transaction that either commits whole or is rolled back whole: no caller goes on in it after a failed
    /// save. SaveChanges inside it then takes no savepoint, which EF Core otherwise sets and releases around every save
    /// (two more round trips each) so that a transaction can survive a failed save. The setting lasts until the context
    /// goes back to its pool, which restores the default.
    /// </summary>
    public static Task<IDbContextTransaction> BeginAllOrNothingTransactionAsync(this DatabaseFacade database, CancellationToken cancellationToken)
    {
        database.AutoSavepointsEnabled = false;
        return database.BeginTransactionAsync(cancellationToken);
    }
}
