using System.Net.Http.Json;
using Marketplace.BuildingBlocks.Runtime;
using Microsoft.Extensions.Configuration;

namespace Marketplace.BuildingBlocks.Secrets;

/// <summary>
/// Dapr mode: loads every secret the app may read from the sidecar's secret store into configuration, so
/// service code reads <c>ConnectionStrings:Database</c> or <c>Marketplace:Jwt:SigningKey</c> the same way in both modes.
/// Local mode reads the same keys from configuration and environment variables.
/// </summary>
public static class DaprSecretsConfiguration
{
    public static IConfigurationBuilder AddDaprSecretStore(this IConfigurationBuilder configuration, MarketplaceRuntime runtime, string storeName, HttpMessageHandler? handler = null)
    {
        var secrets = LoadAsync(runtime, storeName, handler, TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        return configuration.AddInMemoryCollection(secrets);
    }

    public static async Task<Dictionary<string, string?>> LoadAsync(MarketplaceRuntime runtime, string storeName, HttpMessageHandler? handler, TimeSpan timeout)
    {
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        var uri = new Uri(runtime.DaprHttpEndpoint, $"/v1.0/secrets/{Uri.EscapeDataString(storeName)}/bulk");
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                if (runtime.DaprApiToken is not null)
                {
                    request.Headers.TryAddWithoutValidation(MarketplaceRuntime.DaprApiTokenHeader, runtime.DaprApiToken);
                }

                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                var bulk = await response.Content.ReadFromJsonAsync<Dictionary<string, Dictionary<string, string>>>() ?? [];
                return bulk.SelectMany(secret => secret.Value)
                    .GroupBy(pair => pair.Key.Replace("__", ":", StringComparison.Ordinal))
                    .ToDictionary(group => group.Key, group => (string?)group.First().Value);
            }
            catch (HttpRequestException) when (DateTimeOffset.UtcNow < deadline)
            {
                // The sidecar starts beside the app and may not be listening yet.
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }
}
