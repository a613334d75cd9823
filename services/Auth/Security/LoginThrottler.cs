using Marketplace.Auth.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Auth.Security;

/// <summary>
/// Locks an e-mail address out for a while after repeated failed sign-ins. Keyed by the address as typed
/// (normalised), whether or not an account has it, so the lock-out reveals nothing.
/// </summary>
public sealed class LoginThrottler(AuthDbContext db, IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>How long the address stays locked out, or null when it is not.</summary>
    public async Task<TimeSpan?> LockedForAsync(string email, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lockedUntil = await db.LoginThrottles.Where(t => t.Email == email && t.LockedUntil > now)
            .Select(t => t.LockedUntil).SingleOrDefaultAsync(cancellationToken);
        return lockedUntil - now;
    }

    /// <summary>Counts one failure atomically (an upsert) and locks the address when the window's limit is reached.</summary>
    public async Task RecordFailureAsync(string email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var windowStart = now - settings.FailedLoginWindow;
        var lockUntil = now + settings.LockoutDuration;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO login_throttles (email, failures, window_started_at, locked_until)
            VALUES ({email}, 1, {now}, NULL)
            ON CONFLICT (email) DO UPDATE SET
                failures = CASE WHEN login_throttles.window_started_at < {windowStart} THEN 1 ELSE login_throttles.failures + 1 END,
                window_started_at = CASE WHEN login_throttles.window_started_at < {windowStart} THEN {now} ELSE login_throttles.window_started_at END,
                locked_until = CASE
                    WHEN login_throttles.window_started_at >= {windowStart} AND login_throttles.failures + 1 >= {settings.MaxFailedLogins} THEN {lockUntil}
                    ELSE login_throttles.locked_until END
            """, cancellationToken);
    }

    public Task ResetAsync(string email, CancellationToken cancellationToken) =>
        db.LoginThrottles.Where(t => t.Email == email).ExecuteDeleteAsync(cancellationToken);
}
