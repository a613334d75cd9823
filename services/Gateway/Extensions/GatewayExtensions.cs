using System.Net;
using System.Threading.RateLimiting;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Runtime;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Gateway.Routing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Yarp.ReverseProxy.Transforms;

namespace Marketplace.Gateway.Extensions;

public static class GatewayExtensions
{

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.Configure<GatewayOptions>(builder.Configuration.GetSection(GatewayOptions.Section));
        builder.AddEdgeCatalogCache();
        var runtime = MarketplaceRuntime.FromConfiguration(builder.Configuration, "gateway");
        var (routes, clusters) = ProxyConfiguration.Build(runtime, builder.Configuration);
        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddTransforms(transforms =>
            {
                // A client must never smuggle a service credential through the front door.
                transforms.AddRequestHeaderRemove(MarketplaceRuntime.InternalTokenHeader);
                transforms.AddRequestHeaderRemove(MarketplaceRuntime.DaprApiTokenHeader);
                transforms.AddRequestHeaderRemove(InternalAuthenticationHandler.DaprCallerAppIdHeader);
                if (runtime is { IsDapr: true, DaprApiToken: { } token })
                {
                    transforms.AddRequestHeader(MarketplaceRuntime.DaprApiTokenHeader, token, append: false);
                }

                if (transforms.Route.OutputCachePolicy == CatalogCache.PolicyName)
                {
                    // A catalog write answered through here leaves nothing stale here, whatever Redis does.
                    transforms.AddResponseTransform(async context =>
                    {
                        if (!CatalogCache.IsRead(context.HttpContext.Request))
                        {
                            await context.HttpContext.RequestServices.GetRequiredService<CatalogCacheEviction>().EvictHereAsync();
                        }
                    });
                }
            });
        // No route uses cookie session affinity, the one thing YARP would protect data for.
        builder.Services.RemoveDataProtectionWarmUp();

        // The services check every caller themselves. Here a token is checked only on the routes the gateway guards
        // (their policy names its scheme), not on every request it forwards: an ES256 check costs about 0.2 ms.
        builder.Services.PostConfigure<AuthenticationOptions>(authentication =>
        {
            authentication.DefaultScheme = null;
            authentication.DefaultAuthenticateScheme = null;
        });

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejection, _) =>
            {
                // The body is the status code pages' problem; the client is told when a permit will be there.
                if (rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                {
                    rejection.HttpContext.Response.Headers.RetryAfter = RetryAfter.Seconds(wait);
                }

                return ValueTask.CompletedTask;
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.PermitsPerSecond * 2,
                    TokensPerPeriod = options.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
            limiter.AddPolicy(ProxyConfiguration.AuthRateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.AuthPermitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
        });

        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (options.CorsOrigins.Length > 0)
            {
                policy.WithOrigins(options.CorsOrigins).AllowAnyHeader().AllowAnyMethod()
                    .WithExposedHeaders("Location", "X-Correlation-Id");
            }
        }));
        return builder;
    }

    /// <summary>
    /// Public catalog reads are answered from the gateway's own cache, the product service's policy at the edge. With
    /// Redis configured, the gateway also hears the evictions of writes made elsewhere.
    /// </summary>
    private static void AddEdgeCatalogCache(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<EventBusOptions>(builder.Configuration.GetSection(EventBusOptions.Section));
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            builder.Services.AddRedisConnection(redis);
        }

        builder.Services.AddCatalogCache<GatewayOptions>(options => options.CatalogCacheDuration);
    }

    private static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();
}
