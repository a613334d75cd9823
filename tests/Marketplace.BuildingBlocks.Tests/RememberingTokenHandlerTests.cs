using System.Security.Cryptography;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class RememberingTokenHandlerTests
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_valid_token_is_not_checked_again_until_it_expires_and_each_request_gets_its_own_identity()
    {
        var handler = new RememberingTokenHandler(_clock) { MapInboundClaims = false };
        var userId = Guid.NewGuid();
        var token = TestJwt.TokenFor(userId, "customer", lifetime: TimeSpan.FromMinutes(10));
        var first = await handler.ValidateTokenAsync(token, Parameters(withKey: true));

        // Without the key the token could not be checked: it passes because its check is remembered.
        var second = await handler.ValidateTokenAsync(token, Parameters(withKey: false));

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal(userId.ToString(), second.ClaimsIdentity.FindFirst("sub")!.Value);
        Assert.Equal("customer", second.ClaimsIdentity.FindFirst("role")!.Value);

        _clock.Now += TimeSpan.FromMinutes(11);
        Assert.False((await handler.ValidateTokenAsync(token, Parameters(withKey: false))).IsValid);
    }

    [Fact]
    public async Task Only_the_very_token_that_was_valid_is_remembered()
    {
        var handler = new RememberingTokenHandler(_clock) { MapInboundClaims = false };
        var token = TestJwt.TokenFor(Guid.NewGuid(), "customer");
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");

        Assert.False((await handler.ValidateTokenAsync(forged, Parameters(withKey: true))).IsValid);
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(withKey: true))).IsValid);
        Assert.False((await handler.ValidateTokenAsync(forged, Parameters(withKey: true))).IsValid);
        Assert.False((await handler.ValidateTokenAsync(TestJwt.TokenFor(Guid.NewGuid(), "admin"), Parameters(withKey: false))).IsValid);
    }

    [Fact]
    public async Task When_full_it_forgets_and_checks_tokens_again()
    {
        var handler = new RememberingTokenHandler(_clock, capacity: 1) { MapInboundClaims = false };
        var (first, second) = (TestJwt.TokenFor(Guid.NewGuid(), "customer"), TestJwt.TokenFor(Guid.NewGuid(), "customer"));
        Assert.True((await handler.ValidateTokenAsync(first, Parameters(withKey: true))).IsValid);
        Assert.True((await handler.ValidateTokenAsync(second, Parameters(withKey: true))).IsValid);

        Assert.False((await handler.ValidateTokenAsync(first, Parameters(withKey: false))).IsValid);
        Assert.True((await handler.ValidateTokenAsync(second, Parameters(withKey: false))).IsValid);
    }

    [Fact]
    public async Task An_idle_service_forgets_the_tokens_it_remembered()
    {
        var handler = new RememberingTokenHandler(_clock) { MapInboundClaims = false };
        var token = TestJwt.TokenFor(Guid.NewGuid(), "customer");
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(withKey: true))).IsValid);

        Assert.True(handler.ReleaseIdleMemory() > 0);

        Assert.False((await handler.ValidateTokenAsync(token, Parameters(withKey: false))).IsValid);
        Assert.Equal(0, handler.ReleaseIdleMemory());
    }

    private static TokenValidationParameters Parameters(bool withKey)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = TestJwt.Issuer,
            ValidAudience = TestJwt.Audience,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ClockSkew = TimeSpan.Zero,
        };
        if (withKey)
        {
            var key = ECDsa.Create();
            key.ImportFromPem(TestJwt.PublicKeyPem);
            parameters.IssuerSigningKey = new ECDsaSecurityKey(key);
        }

        return parameters;
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
