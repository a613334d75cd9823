using Marketplace.Products.Extensions;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Marketplace.Products.Apis;

/// <summary>
/// Catalog reads are served from the output cache. A write on this instance evicts every cached read before it
/// answers, so a client always reads its own writes; other instances serve what they cached for at most
/// <see cref="ProductsOptions.CatalogCacheDuration"/>.
/// </summary>
public static class CatalogCache
{
    public const string PolicyName = "catalog";
    public const string Tag = "products";

    public static IServiceCollection AddCatalogCache(this IServiceCollection services)
    {
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<ProductsOptions>>((cache, products) =>
            cache.AddPolicy(PolicyName, new CatalogReadPolicy(products.Value.CatalogCacheDuration)));
        return services;
    }

    public static RouteHandlerBuilder CachedAsCatalogRead(this RouteHandlerBuilder endpoint) => endpoint.CacheOutput(PolicyName);

    /// <summary>Evicts the cached catalog reads after each request of the group, before the response is written.</summary>
    public static RouteGroupBuilder EvictsCatalogCache(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            await context.HttpContext.RequestServices.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(Tag, CancellationToken.None);
            return result;
        });

    /// <summary>
    /// Unlike the default policy, also caches for signed-in callers: catalog reads are public and the same for all.
    /// Varies by the whole query string; stores only 200 responses.
    /// </summary>
    private sealed class CatalogReadPolicy(TimeSpan duration) : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var isRead = HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method);
            context.EnableOutputCaching = duration > TimeSpan.Zero;
            context.AllowCacheLookup = isRead;
            context.AllowCacheStorage = isRead;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = duration;
            context.CacheVaryByRules.QueryKeys = "*";
            context.Tags.Add(Tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK)
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}
