using Npgsql;

namespace Marketplace.Orders.Infrastructure;

/// <summary>
/// Serialises creating the order of a checkout and abandoning that checkout until the current transaction ends, so
/// that whichever comes second sees what the first did.
/// </summary>
public static class CheckoutLock
{
    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtextextended(@checkout_key, 0))";

    /// <summary>The lock as a command, taken in a batch with the caller's statements.</summary>
    public static NpgsqlBatchCommand Command(Guid checkoutId) =>
        new(LockSql) { Parameters = { KeyOf(checkoutId) } };

    private static NpgsqlParameter KeyOf(Guid checkoutId) => new("checkout_key", checkoutId.ToString());
}
