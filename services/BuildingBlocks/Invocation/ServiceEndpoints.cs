using Marketplace.BuildingBlocks.Runtime;
using Microsoft.Extensions.Configuration;

namespace Marketplace.BuildingBlocks.Invocation;

/// <summary>Where a peer app is reached: its configured URL in local mode, the sidecar's invoke API in dapr mode.</summary>
public sealed class ServiceEndpoints(MarketplaceRuntime runtime, IConfiguration configuration)
{
    public const string JwksClientName = "jwks";

    /// <summary>Base address for a typed client. In dapr mode Dapr's InvocationHandler rewrites <c>http://{appId}/...</c>.</summary>
    public Uri BaseAddress(string appId) => runtime.IsDapr ? new Uri($"http://{appId}") : LocalUrl(appId);

    /// <summary>Absolute address of one path on a peer, for callers that do not go through a typed client.</summary>
    public Uri Resolve(string appId, string path) => runtime.IsDapr
        ? new Uri(runtime.DaprHttpEndpoint, $"/v1.0/invoke/{appId}/method/{path.TrimStart('/')}")
        : new Uri(LocalUrl(appId), path);

    private Uri LocalUrl(string appId) =>
        configuration[$"Marketplace:Services:{appId}"] is { Length: > 0 } url
            ? new Uri(url)
            : throw new InvalidOperationException($"Marketplace:Services:{appId} is not configured.");
}
