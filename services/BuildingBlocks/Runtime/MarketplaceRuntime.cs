using Microsoft.Extensions.Configuration;

namespace Marketplace.BuildingBlocks.Runtime;

/// <summary>Facts about the running service: its app id, its runtime mode and where its sidecar listens.</summary>
public sealed class MarketplaceRuntime
{
    public const string InternalTokenHeader = "X-Internal-Token";
    public const string DaprApiTokenHeader = "dapr-api-token";

    public required string AppId { get; init; }
    public required RuntimeMode Mode { get; init; }

    /// <summary>The sidecar's HTTP endpoint (dapr mode).</summary>
    public required Uri DaprHttpEndpoint { get; init; }

    /// <summary>Token this app sends to its sidecar (DAPR_API_TOKEN), when the sidecar requires one.</summary>
    public string? DaprApiToken { get; init; }

    /// <summary>Token the sidecar sends to this app (APP_API_TOKEN), proving a call came through Dapr.</summary>
    public string? AppApiToken { get; init; }

    public bool IsDapr => Mode == RuntimeMode.Dapr;

    public static MarketplaceRuntime FromConfiguration(IConfiguration configuration, string appId)
    {
        var configured = configuration["Marketplace:Runtime"];
        var daprPort = configuration["DAPR_HTTP_PORT"];
        var mode = configured?.Trim().ToLowerInvariant() switch
        {
            "dapr" => RuntimeMode.Dapr,
            "local" => RuntimeMode.Local,
            _ => string.IsNullOrEmpty(daprPort) ? RuntimeMode.Local : RuntimeMode.Dapr,
        };
        var endpoint = configuration["DAPR_HTTP_ENDPOINT"]
            ?? $"http://127.0.0.1:{(string.IsNullOrEmpty(daprPort) ? "3500" : daprPort)}";
        return new MarketplaceRuntime
        {
            AppId = configuration["Marketplace:AppId"] ?? configuration["APP_ID"] ?? appId,
            Mode = mode,
            DaprHttpEndpoint = new Uri(endpoint),
            DaprApiToken = NullIfEmpty(configuration["DAPR_API_TOKEN"]),
            AppApiToken = NullIfEmpty(configuration["APP_API_TOKEN"]),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
