using Marketplace.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.BuildingBlocks.Caching;

/// <summary>
/// Evicts the catalog reads cached by every instance of the product service and of the gateway: this process at once,
/// the others through a Redis channel they all listen on (where the process has Redis, as in local mode). A process
/// that lost its Redis connection may have missed evictions, so it drops its whole cache when the connection comes
/// back. Without a Redis connection, other processes fall back on the cache duration.
/// </summary>
public sealed class CatalogCacheEviction(
    IOutputCacheStore store, IServiceProvider services, IOptions<EventBusOptions> eventBus, ILogger<CatalogCacheEviction> logger) : IHostedService
{
    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();
    private readonly RedisChannel _channel = RedisChannel.Literal($"{eventBus.Value.PubSubName}:products:catalog-cache-evictions");

    public async Task EvictEverywhereAsync()
    {
        await EvictHereAsync();
        if (_redis is null)
        {
            return;
        }

        try
        {
            await _redis.GetSubscriber().PublishAsync(_channel, "evict");
        }
        catch (RedisException exception)
        {
            // The write stands; other processes serve what they cached until it expires.
            logger.LogWarning(exception, "Could not tell the other instances to evict their catalog cache");
        }
    }

    public Task EvictHereAsync() => store.EvictByTagAsync(CatalogCache.Tag, CancellationToken.None).AsTask();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return;
        }

        _redis.ConnectionRestored += (_, _) => _ = EvictHereAsync();
        await _redis.GetSubscriber().SubscribeAsync(_channel, (_, _) => _ = EvictHereAsync());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
