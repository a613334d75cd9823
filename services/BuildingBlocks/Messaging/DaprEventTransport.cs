using System.Net.Http.Headers;
using Marketplace.BuildingBlocks.Runtime;

namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>Dapr mode: publishes through the sidecar's pub/sub API, sending our CloudEvent as-is so its id survives.</summary>
public sealed class DaprEventTransport(HttpClient http, MarketplaceRuntime runtime) : IEventTransport
{
    public const string HttpClientName = "dapr-sidecar";

    public async Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        var uri = new Uri(runtime.DaprHttpEndpoint, $"/v1.0/publish/{Uri.EscapeDataString(cloudEvent.PubSubName)}/{Uri.EscapeDataString(cloudEvent.Topic)}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(cloudEvent.ToJson()),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(CloudEvent.ContentType);
        if (runtime.DaprApiToken is not null)
        {
            request.Headers.TryAddWithoutValidation(MarketplaceRuntime.DaprApiTokenHeader, runtime.DaprApiToken);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The sidecar refused to publish to '{cloudEvent.Topic}': {(int)response.StatusCode}.", null, response.StatusCode);
        }
    }
}
