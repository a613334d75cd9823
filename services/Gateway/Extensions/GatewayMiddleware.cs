using Marketplace.BuildingBlocks.Http;
using Marketplace.Gateway.Routing;

namespace Marketplace.Gateway.Extensions;

public static class GatewayMiddleware
{
    /// <summary>Answers internal routes with 404 before the proxy sees them.</summary>
    public static IApplicationBuilder UseInternalRouteBlocking(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (PublicRoutes.IsInternal(context.Request.Method, context.Request.Path))
            {
                await Problems.NotFound("No such route.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    /// <summary>Headers that keep browsers from sniffing, framing or leaking what the API returns.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                if (!context.Request.Path.StartsWithSegments("/docs"))
                {
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
}
