using Marketplace.BuildingBlocks.Observability;
using Marketplace.BuildingBlocks.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Marketplace.BuildingBlocks.Invocation;

/// <summary>Adds the service credential and the caller's correlation id to every call to a peer.</summary>
public sealed class OutgoingHeadersHandler(IConfiguration configuration, IHttpContextAccessor httpContextAccessor, MarketplaceRuntime runtime) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (configuration["Marketplace:InternalToken"] is { Length: > 0 } token)
        {
            request.Headers.Remove(MarketplaceRuntime.InternalTokenHeader);
            request.Headers.TryAddWithoutValidation(MarketplaceRuntime.InternalTokenHeader, token);
        }

        if (runtime is { IsDapr: true, DaprApiToken: { } daprToken } && !request.Headers.Contains(MarketplaceRuntime.DaprApiTokenHeader))
        {
            request.Headers.TryAddWithoutValidation(MarketplaceRuntime.DaprApiTokenHeader, daprToken);
        }

        var correlationId = CorrelationId.Current ?? httpContextAccessor.HttpContext?.GetCorrelationId();
        if (correlationId is not null && !request.Headers.Contains(CorrelationId.HeaderName))
        {
            request.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, correlationId);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
