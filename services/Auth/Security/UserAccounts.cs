using Marketplace.Auth.Domain;
using Marketplace.Auth.Infrastructure;
using Marketplace.Auth.IntegrationEvents;
using Marketplace.BuildingBlocks.Messaging;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Auth.Security;

public sealed class UserAccounts(AuthDbContext db, PasswordHasher hasher, TimeProvider clock)
{
    /// <summary>Creates an account and its <c>UserRegistered</c> event in one transaction; null when the e-mail is taken.</summary>
    public async Task<User?> CreateAsync(string name, string email, string password, string role, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            Email = User.NormalizeEmail(email),
            PasswordHash = hasher.Hash(password),
            Role = role,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Users.Add(user);
        db.AddEvent(new UserRegistered(user.Id, user.Name, user.Email, user.Role));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return user;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return null;
        }
    }

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.Email == User.NormalizeEmail(email), cancellationToken);
}
