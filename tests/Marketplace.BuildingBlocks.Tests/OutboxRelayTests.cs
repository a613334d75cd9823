using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.BuildingBlocks.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class OutboxRelayTests
{
    [Fact]
    public async Task Events_reach_the_subscriber_exactly_once_when_the_relay_dies_in_the_middle_of_a_batch()
    {
        var environment = await ProbeEnvironment.CreateAsync();
        var events = Enumerable.Range(1, 5).Select(i => new ProbeHappened($"probe-{i}")).ToArray();
        await using (var db = ProbeDbContext.Open(environment.DatabaseConnectionString))
        {
            await db.Database.EnsureCreatedAsync();
            foreach (var probe in events)
            {
                db.AddEvent(probe);
            }

            await db.SaveChangesAsync();
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.RedisConnectionString);
        var dyingRelay = RelayThatDiesAfter(3, environment, redis);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dyingRelay.PublishBatchAsync(CancellationToken.None));

        Assert.Equal(3, await redis.GetDatabase().StreamLengthAsync(environment.StreamKey("ProbeHappened")));
        await using (var db = ProbeDbContext.Open(environment.DatabaseConnectionString))
        {
            Assert.Equal(5, await db.Set<OutboxMessage>().CountAsync(message => message.PublishedAt == null));
        }

        await using var app = await ProbeApp.StartAsync(environment.Settings());
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = ProbeDbContext.Open(environment.DatabaseConnectionString);
            return await db.Set<OutboxMessage>().CountAsync(message => message.PublishedAt == null) == 0
                && events.Take(3).All(probe => app.Log.DeliveriesOf(probe.Id) == 2)
                && events.Skip(3).All(probe => app.Log.DeliveriesOf(probe.Id) == 1);
        });

        await using var check = ProbeDbContext.Open(environment.DatabaseConnectionString);
        var handled = await check.Handled.Select(h => h.EventId).ToListAsync();
        Assert.Equal(events.Select(e => e.Id).Order(), handled.Order());
    }

    private static OutboxRelay<ProbeDbContext> RelayThatDiesAfter(int publishes, ProbeEnvironment environment, IConnectionMultiplexer redis)
    {
        var services = new ServiceCollection();
        services.AddDbContext<ProbeDbContext>(options => DatabaseExtensions.Configure(options, environment.DatabaseConnectionString));
        var provider = services.BuildServiceProvider();
        var runtime = new MarketplaceRuntime { AppId = "probe", Mode = RuntimeMode.Local, DaprHttpEndpoint = new Uri("http://127.0.0.1:3500") };
        return new OutboxRelay<ProbeDbContext>(
            provider.GetRequiredService<IServiceScopeFactory>(),
            new DyingTransport(new RedisStreamsEventTransport(redis), publishes),
            new OutboxSignal(),
            runtime,
            Options.Create(new EventBusOptions { PubSubName = environment.PubSubName }),
            NullLogger<OutboxRelay<ProbeDbContext>>.Instance);
    }

    /// <summary>Publishes for real, then behaves like a process being killed: the relay never gets to mark its rows.</summary>
    private sealed class DyingTransport(IEventTransport inner, int publishesBeforeDeath) : IEventTransport
    {
        private int _published;

        public async Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
        {
            if (_published++ == publishesBeforeDeath)
            {
                throw new OperationCanceledException("The process died.");
            }

            await inner.PublishAsync(cloudEvent, cancellationToken);
        }
    }
}
