using Dapr.Client;
using Marketplace.BuildingBlocks.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Marketplace.BuildingBlocks.Invocation;

public static class ServiceInvocationExtensions
{
    /// <summary>
    /// Connections one caller keeps to one peer (or to its sidecar). A peer does its work on a few cores and database
    /// connections, so more concurrent calls only queue there instead of here; without a bound a burst of 256 buyers
    /// left some 700 idle connections per service, each holding buffers on both sides.
    /// </summary>
    public const int MaxConnectionsPerPeer = 64;

    /// <summary>How long an unused connection to a peer stays open, so that a burst's connections go soon after it.</summary>
    public static readonly TimeSpan IdleConnectionTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Registers a typed client for one peer app, reached directly (local) or through the sidecar (dapr),
    /// with timeouts, retries of idempotent calls and a circuit breaker.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(
        this IServiceCollection services, string appId, Action<HttpStandardResilienceOptions>? resilience = null)
        where TClient : class
    {
        var builder = services.AddHttpClient<TClient>((provider, client) =>
            client.BaseAddress = provider.GetRequiredService<ServiceEndpoints>().BaseAddress(appId));
        builder.UseSocketsHttpHandler((handler, _) =>
        {
            handler.MaxConnectionsPerServer = MaxConnectionsPerPeer;
            handler.PooledConnectionIdleTimeout = IdleConnectionTimeout;
        });
        builder.AddStandardResilienceHandler(options =>
        {
            options.Retry.DisableForUnsafeHttpMethods();
            options.Retry.MaxRetryAttempts = 2;
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(15);
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
            resilience?.Invoke(options);
        });
        builder.AddHttpMessageHandler<OutgoingHeadersHandler>();
        builder.AddHttpMessageHandler(provider =>
        {
            var runtime = provider.GetRequiredService<MarketplaceRuntime>();
            return runtime.IsDapr
                ? new InvocationHandler { DaprEndpoint = runtime.DaprHttpEndpoint.ToString() }
                : new PassThroughHandler();
        });
        return builder;
    }

    private sealed class PassThroughHandler : DelegatingHandler;
}
