using System.Net;
using System.Threading.RateLimiting;
using Marketplace.BuildingBlocks.Runtime;
using Marketplace.BuildingBlocks.Security;
using Marketplace.Gateway.Routing;
using Microsoft.AspNetCore.RateLimiting;
using Yarp.ReverseProxy.Transforms;

namespace Marketplace.Gateway.Extensions;

public static class GatewayExtensions
{

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
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
            });

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
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

    private static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();
}
