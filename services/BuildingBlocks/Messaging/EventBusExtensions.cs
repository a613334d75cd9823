using Marketplace.BuildingBlocks.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Marketplace.BuildingBlocks.Messaging;

public static class EventBusExtensions
{
    /// <summary>
    /// Events for a service whose state lives in <typeparamref name="TDbContext"/>: the outbox relay publishes through
    /// the runtime's transport, and in local mode a Redis Streams consumer feeds the service's subscriptions.
    /// </summary>
    public static WebApplicationBuilder AddEventBus<TDbContext>(this WebApplicationBuilder builder)
        where TDbContext : DbContext
    {
        builder.Services.AddSingleton<OutboxRelay<TDbContext>>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<OutboxRelay<TDbContext>>());
        return builder.AddEventTransport();
    }

    /// <summary>
    /// The runtime's transport (and in local mode the Redis Streams consumer) without the EF Core outbox relay:
    /// for a service whose outbox lives in another store and brings its own relay.
    /// </summary>
    public static WebApplicationBuilder AddEventTransport(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<EventBusOptions>(builder.Configuration.GetSection(EventBusOptions.Section));
        services.TryAddSingleton<OutboxSignal>();

        var runtime = MarketplaceRuntime.FromConfiguration(builder.Configuration, builder.Environment.ApplicationName);
        if (runtime.IsDapr)
        {
            services.AddHttpClient(DaprEventTransport.HttpClientName);
            services.AddSingleton<IEventTransport>(provider => new DaprEventTransport(
                provider.GetRequiredService<IHttpClientFactory>().CreateClient(DaprEventTransport.HttpClientName), provider.GetRequiredService<MarketplaceRuntime>()));
            return builder;
        }

        var redisConnection = builder.Configuration.GetConnectionString("Redis")
            ?? throw new InvalidOperationException("ConnectionStrings:Redis is required in local mode.");
        services.AddRedisConnection(redisConnection);
        services.AddSingleton<IEventTransport, RedisStreamsEventTransport>();
        services.AddHttpClient(RedisStreamsSubscriber.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddHostedService<RedisStreamsSubscriber>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }
}

public static class RedisConnectionExtensions
{
    /// <summary>One shared connection that keeps retrying in the background rather than failing start-up when Redis is down.</summary>
    public static IServiceCollection AddRedisConnection(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton<IConnectionMultiplexer>(_ =>
        {
            var redisOptions = ConfigurationOptions.Parse(connectionString);
            redisOptions.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(redisOptions);
        });
        return services;
    }
}

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (RedisException exception)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable.", exception);
        }
    }
}
