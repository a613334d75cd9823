using System.Security.Cryptography;
using System.Text;
using Marketplace.Auth.Domain;
using Marketplace.Auth.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Auth.Security;

public sealed class RefreshTokenService(AuthDbContext db, IOptions<AuthOptions> options, TimeProvider clock)
{
    public sealed record Rotation(User User, string RefreshToken);

    /// <summary>Starts a new family for a fresh sign-in.</summary>
    public async Task<string> IssueAsync(Guid userId, CancellationToken cancellationToken)
    {
        var (token, entity) = Create(userId, Guid.NewGuid());
        db.RefreshTokens.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>
    /// Exchanges a refresh token for its successor. The old token is revoked with a conditional update, so of two
    /// concurrent uses only one wins; any use of an already revoked token revokes the whole family.
    /// </summary>
    public async Task<Rotation?> RotateAsync(string presented, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var existing = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == HashOf(presented), cancellationToken);
        if (existing is null)
        {
            return null;
        }

        if (existing.RevokedAt is not null)
        {
            await RevokeFamilyAsync(existing.FamilyId, cancellationToken);
            return null;
        }

        if (existing.ExpiresAt <= now)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == existing.UserId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (token, successor) = Create(existing.UserId, existing.FamilyId);
        db.RefreshTokens.Add(successor);
        await db.SaveChangesAsync(cancellationToken);
        var revoked = await db.RefreshTokens
            .Where(t => t.Id == existing.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.ReplacedById, successor.Id), cancellationToken);
        if (revoked == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await RevokeFamilyAsync(existing.FamilyId, cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return new Rotation(user, token);
    }

    /// <summary>Signs out: revokes the family the token belongs to. Unknown tokens are ignored.</summary>
    public async Task RevokeAsync(string presented, CancellationToken cancellationToken)
    {
        var familyId = await db.RefreshTokens.Where(t => t.TokenHash == HashOf(presented)).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(cancellationToken);
        if (familyId is not null)
        {
            await RevokeFamilyAsync(familyId.Value, cancellationToken);
        }
    }

    public Task RevokeAllForUserAsync(Guid userId, CancellationToken cancellationToken) =>
        db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, clock.GetUtcNow()), cancellationToken);

    private Task RevokeFamilyAsync(Guid familyId, CancellationToken cancellationToken) =>
        db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, clock.GetUtcNow()), cancellationToken);

    private (string Token, RefreshToken Entity) Create(Guid userId, Guid familyId)
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        return (token, new RefreshToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            FamilyId = familyId,
            TokenHash = HashOf(token),
            CreatedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
        });
    }

    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
