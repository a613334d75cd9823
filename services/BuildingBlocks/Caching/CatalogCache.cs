using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Caching;

/// <summary>
/// Public catalog reads are served from the output cache, by the product service and again at the edge by the gateway.
/// A write evicts every cached read before it answers, in the process that handles it and, through
/// <see cref="CatalogCacheEviction"/>, in the others, so a client always reads its own writes; the cache duration
/// bounds how long a missed eviction can leave a read stale. Other services (the order service pricing a cart) always
/// read the database.
/// </summary>
public static class CatalogCache
{
    public const string PolicyName = "catalog";
    public const string Tag = "products";

    /// <summary>The cache, its <see cref="PolicyName"/> policy and the eviction; the duration is read from <typeparamref name="TOptions"/>.</summary>
    public static IServiceCollection AddCatalogCache<TOptions>(this IServiceCollection services, Func<TOptions, TimeSpan> duration)
        where TOptions : class
    {
        services.AddSingleton<InMemoryOutputCacheStore>();
        services.AddSingleton<IOutputCacheStore>(provider => provider.GetRequiredService<InMemoryOutputCacheStore>());
        services.AddSingleton<IIdleMemoryRelease>(provider => provider.GetRequiredService<InMemoryOutputCacheStore>());
        services.AddOutputCache();
        services.AddSingleton<CatalogCacheEviction>();
        services.AddHostedService(provider => provider.GetRequiredService<CatalogCacheEviction>());
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<TOptions>>((cache, options) =>
            cache.AddPolicy(PolicyName, new CatalogReadPolicy(duration(options.Value))));
        return services;
    }

    /// <summary>A request that can only read the catalog (GET or HEAD): the kind the cache answers and a write is not.</summary>
    public static bool IsRead(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    public static RouteHandlerBuilder CachedAsCatalogRead(this RouteHandlerBuilder endpoint) => endpoint.CacheOutput(PolicyName);

    /// <summary>Evicts the cached catalog reads after each request of the group, before the response is written.</summary>
    public static RouteGroupBuilder EvictsCatalogCache(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            await context.HttpContext.RequestServices.GetRequiredService<CatalogCacheEviction>().EvictEverywhereAsync();
            return result;
        });

    /// <summary>
    /// Unlike the default policy, also caches for signed-in callers: catalog reads are public and the same for all.
    /// Varies by the whole query string; stores only 200 responses.
    /// </summary>
    private sealed class CatalogReadPolicy(TimeSpan duration) : IOutputCachePolicy
    {
        public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            // A call with the service credential comes from another service (directly or through its sidecar), never
            // from the gateway: it reads the database.
            var isRead = IsRead(http.Request) && !(await http.AuthenticateAsync(InternalAuthenticationHandler.SchemeName)).Succeeded;
            context.EnableOutputCaching = duration > TimeSpan.Zero;
            context.AllowCacheLookup = isRead;
            context.AllowCacheStorage = isRead;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = duration;
            context.CacheVaryByRules.QueryKeys = "*";
            context.Tags.Add(Tag);
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
