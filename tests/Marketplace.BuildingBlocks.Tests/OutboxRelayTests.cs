using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.BuildingBlocks.Runtime;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class OutboxRelayTests
{
    private static readonly MarketplaceRuntime ProbeRuntime = new() { AppId = "probe", Mode = RuntimeMode.Local, DaprHttpEndpoint = new Uri("http://127.0.0.1:3500") };

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

        // Events of one commit can share a timestamp, so which three went out first is read from the stream.
        var entries = await redis.GetDatabase().StreamRangeAsync(environment.StreamKey("ProbeHappened"));
        var publishedBeforeDeath = entries
            .Select(entry => Guid.Parse(CloudEvent.Parse(entry[RedisStreamsEventTransport.EventField].ToString())!.Id))
            .ToHashSet();
        Assert.Equal(3, publishedBeforeDeath.Count);
        await using (var db = ProbeDbContext.Open(environment.DatabaseConnectionString))
        {
            Assert.Equal(5, await db.Set<OutboxMessage>().CountAsync(message => message.PublishedAt == null));
        }

        await using var app = await ProbeApp.StartAsync(environment.Settings());
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = ProbeDbContext.Open(environment.DatabaseConnectionString);
            return await db.Set<OutboxMessage>().CountAsync(message => message.PublishedAt == null) == 0
                && await db.Handled.CountAsync() == events.Length
                && events.All(probe => app.Log.DeliveriesOf(probe.Id) == (publishedBeforeDeath.Contains(probe.Id) ? 2 : 1));
        });

        await using var check = ProbeDbContext.Open(environment.DatabaseConnectionString);
        var handled = await check.Handled.Select(h => h.EventId).ToListAsync();
        Assert.Equal(events.Select(e => e.Id).Order(), handled.Order());
    }

    [Fact]
    public async Task A_refused_event_is_recorded_on_its_row_and_holds_back_the_later_ones_until_a_pass_publishes_it()
    {
        var environment = await ProbeEnvironment.CreateAsync();
        var (provider, signal) = await SignalledServicesAsync(environment);
        await using (provider)
        {
            var events = new List<Guid>();
            foreach (var note in new[] { "first", "refused", "third" })
            {
                events.Add(await CommitEventAsync(provider, note));
            }

            await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.RedisConnectionString);
            var broker = new RefusingTransport(new RedisStreamsEventTransport(redis), refuse: events[1]);
            var relay = new OutboxRelay<ProbeDbContext>(
                provider.GetRequiredService<IServiceScopeFactory>(), broker, signal, ProbeRuntime,
                Options.Create(new EventBusOptions { PubSubName = environment.PubSubName }), NullLogger<OutboxRelay<ProbeDbContext>>.Instance);

            Assert.Equal(1, await relay.PublishBatchAsync(CancellationToken.None));
            var rows = await OutboxRowsAsync(environment, events);
            Assert.NotNull(rows[0].PublishedAt);
            Assert.Equal((null, 1, "The broker refused it."), (rows[1].PublishedAt, rows[1].Attempts, rows[1].LastError));
            Assert.Equal((null, 0, null), (rows[2].PublishedAt, rows[2].Attempts, rows[2].LastError));

            broker.Refused = null;
            Assert.Equal(2, await relay.PublishBatchAsync(CancellationToken.None));
            rows = await OutboxRowsAsync(environment, events);
            Assert.All(rows, row => Assert.NotNull(row.PublishedAt));
            Assert.Equal((1, null), (rows[1].Attempts, rows[1].LastError));
            Assert.Equal(0, await relay.PublishBatchAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_commit_with_events_wakes_the_relay_but_the_relay_marking_them_published_does_not()
    {
        var environment = await ProbeEnvironment.CreateAsync();
        var (provider, signal) = await SignalledServicesAsync(environment);
        await using (provider)
        {
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.AddEvent(new ProbeHappened("wake-up"));
                await db.SaveChangesAsync();
                Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
                await transaction.CommitAsync();
            }

            Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
            await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.RedisConnectionString);
            var relay = new OutboxRelay<ProbeDbContext>(
                provider.GetRequiredService<IServiceScopeFactory>(), new RedisStreamsEventTransport(redis), signal, ProbeRuntime,
                Options.Create(new EventBusOptions { PubSubName = environment.PubSubName }), NullLogger<OutboxRelay<ProbeDbContext>>.Instance);

            Assert.Equal(1, await relay.PublishBatchAsync(CancellationToken.None));
            Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Only_writes_that_store_events_wake_the_relay()
    {
        var environment = await ProbeEnvironment.CreateAsync();
        var (provider, signal) = await SignalledServicesAsync(environment);
        await using (provider)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();

            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Handled.Add(new HandledEvent { EventId = Guid.NewGuid(), Note = "no event" });
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }

            Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));

            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.AddEvent(new ProbeHappened("rolled back"));
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            }

            db.ChangeTracker.Clear();
            Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));

            db.AddEvent(new ProbeHappened("saved on its own"));
            await db.SaveChangesAsync();
            Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        }
    }

    [Fact]
    public async Task An_idle_relay_publishes_a_commit_at_once_and_a_busy_one_waits_its_pass_spacing_before_the_next_pass()
    {
        var environment = await ProbeEnvironment.CreateAsync();
        var (provider, signal) = await SignalledServicesAsync(environment);
        await using (provider)
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.RedisConnectionString);
            var settings = new EventBusOptions
            {
                PubSubName = environment.PubSubName,
                OutboxPollInterval = TimeSpan.FromMinutes(5),
                OutboxPassSpacing = TimeSpan.FromSeconds(4),
            };
            using var relay = new OutboxRelay<ProbeDbContext>(
                provider.GetRequiredService<IServiceScopeFactory>(), new RedisStreamsEventTransport(redis), signal, ProbeRuntime,
                Options.Create(settings), NullLogger<OutboxRelay<ProbeDbContext>>.Instance);
            await relay.StartAsync(CancellationToken.None);
            try
            {
                async Task<bool> PublishedAsync(Guid eventId) =>
                    (await redis.GetDatabase().StreamRangeAsync(environment.StreamKey("ProbeHappened")))
                    .Any(entry => CloudEvent.Parse(entry[RedisStreamsEventTransport.EventField].ToString())!.Id == eventId.ToString());

                var first = await CommitEventAsync(provider, "on an idle relay");
                await Eventually.HoldsAsync(() => PublishedAsync(first), TimeSpan.FromSeconds(2));

                var second = await CommitEventAsync(provider, "right after a pass");
                await Task.Delay(TimeSpan.FromSeconds(1.5));
                Assert.False(await PublishedAsync(second));
                await Eventually.HoldsAsync(() => PublishedAsync(second), TimeSpan.FromSeconds(6));
            }
            finally
            {
                await relay.StopAsync(CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task While_the_database_refuses_connections_the_relay_backs_off_and_a_commit_still_wakes_it_at_once()
    {
        var environment = await ProbeEnvironment.CreateAsync();
        var (provider, signal) = await SignalledServicesAsync(environment);
        await using (provider)
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.RedisConnectionString);
            var settings = new EventBusOptions { PubSubName = environment.PubSubName, OutboxPollInterval = TimeSpan.FromMilliseconds(100) };
            var log = new FailedPassCounter();
            using var relay = new OutboxRelay<ProbeDbContext>(
                provider.GetRequiredService<IServiceScopeFactory>(), new RedisStreamsEventTransport(redis), signal, ProbeRuntime,
                Options.Create(settings), log);
            var postgres = await PostgresServer.SharedAsync();
            await postgres.SetConnectionsAllowedAsync(environment.DatabaseConnectionString, allowed: false);
            await relay.StartAsync(CancellationToken.None);
            try
            {
                // Polling every 100 ms would fail some 30 times in 3 s; doubling waits (0.1, 0.2, 0.4, 0.8, 1.6 s) fail 5 times.
                await Task.Delay(TimeSpan.FromSeconds(3));
                var failedPasses = log.FailedPasses;
                await postgres.SetConnectionsAllowedAsync(environment.DatabaseConnectionString, allowed: true);
                var published = await CommitEventAsync(provider, "after the outage");
                var committedAt = DateTime.UtcNow;
                await Eventually.HoldsAsync(async () =>
                    (await redis.GetDatabase().StreamRangeAsync(environment.StreamKey("ProbeHappened")))
                    .Any(entry => CloudEvent.Parse(entry[RedisStreamsEventTransport.EventField].ToString())!.Id == published.ToString()), TimeSpan.FromSeconds(10));

                Assert.InRange(failedPasses, 2, 8);
                Assert.True(DateTime.UtcNow - committedAt < TimeSpan.FromSeconds(1.5), "The commit did not wake the backed-off relay.");
            }
            finally
            {
                await relay.StopAsync(CancellationToken.None);
            }
        }
    }

    private static async Task<Guid> CommitEventAsync(ServiceProvider provider, string note)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
        var probe = new ProbeHappened(note);
        db.AddEvent(probe);
        await db.SaveChangesAsync();
        return probe.Id;
    }

    private static async Task<List<OutboxMessage>> OutboxRowsAsync(ProbeEnvironment environment, List<Guid> ids)
    {
        await using var db = ProbeDbContext.Open(environment.DatabaseConnectionString);
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(message => ids.Contains(message.Id)).ToListAsync();
        return ids.Select(id => rows.Single(row => row.Id == id)).ToList();
    }

    private static async Task<(ServiceProvider Provider, OutboxSignal Signal)> SignalledServicesAsync(ProbeEnvironment environment)
    {
        var signal = new OutboxSignal();
        var services = new ServiceCollection();
        services.AddDbContext<ProbeDbContext>(options => DatabaseExtensions.Configure(options, environment.DatabaseConnectionString)
            .AddInterceptors(new OutboxSignalInterceptor(signal)));
        var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Database.EnsureCreatedAsync();
        return (provider, signal);
    }

    private static OutboxRelay<ProbeDbContext> RelayThatDiesAfter(int publishes, ProbeEnvironment environment, IConnectionMultiplexer redis)
    {
        var services = new ServiceCollection();
        services.AddDbContext<ProbeDbContext>(options => DatabaseExtensions.Configure(options, environment.DatabaseConnectionString));
        var provider = services.BuildServiceProvider();
        return new OutboxRelay<ProbeDbContext>(
            provider.GetRequiredService<IServiceScopeFactory>(),
            new DyingTransport(new RedisStreamsEventTransport(redis), publishes),
            new OutboxSignal(),
            ProbeRuntime,
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

    /// <summary>A broker that refuses one event (while <see cref="Refused"/> names it) and takes the others.</summary>
    private sealed class RefusingTransport(IEventTransport inner, Guid refuse) : IEventTransport
    {
        public Guid? Refused { get; set; } = refuse;

        public async Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
        {
            if (cloudEvent.Id == Refused?.ToString())
            {
                throw new InvalidOperationException("The broker refused it.");
            }

            await inner.PublishAsync(cloudEvent, cancellationToken);
        }
    }

    /// <summary>Counts the relay's failed passes, as it logs them.</summary>
    private sealed class FailedPassCounter : ILogger<OutboxRelay<ProbeDbContext>>
    {
        private int _failedPasses;

        public int FailedPasses => Volatile.Read(ref _failedPasses);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).StartsWith("Outbox relay pass failed", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _failedPasses);
            }
        }
    }
}
