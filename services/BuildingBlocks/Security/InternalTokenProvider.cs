using Microsoft.Extensions.Configuration;

namespace Marketplace.BuildingBlocks.Security;

/// <summary>The shared service credential of local mode, read from the secret store (<c>Marketplace:InternalToken</c>).</summary>
public sealed class InternalTokenProvider(IConfiguration configuration)
{
    public string Token => configuration["Marketplace:InternalToken"] is { Length: >= 16 } token
        ? token
        : throw new InvalidOperationException("Marketplace:InternalToken must be set to a secret of at least 16 characters.");
}
