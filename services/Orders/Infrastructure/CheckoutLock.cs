using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Infrastructure;

public static class CheckoutLock
{
    /// <summary>
    /// Serialises creating the order of a checkout and abandoning that checkout until the current transaction ends, so
    /// that whichever comes second sees what the first did.
    /// </summary>
    public static Task LockCheckoutAsync(this OrdersDbContext db, Guid checkoutId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({checkoutId.ToString()}, 0))", cancellationToken);
}
