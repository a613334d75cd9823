using Marketplace.Testing;
using StackExchange.Redis;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class RedisDeliveryTests
{
    [Fact]
    public async Task A_failed_delivery_is_redelivered_until_the_handler_succeeds()
    {
        var environment = await ProbeEnvironment.CreateAsync();
        await using var app = await ProbeApp.StartAsync(environment.Settings());
        var probe = new ProbeHappened("flaky");
        app.Log.FailuresToInject[probe.Id] = 2;

        await app.PublishAsync(probe);

        await Eventually.HoldsAsync(() => Task.FromResult(app.Log.DeliveriesOf(probe.Id) == 3));
        await Eventually.HoldsAsync(async () => await app.HandledAsync(probe.Id));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.RedisConnectionString);
        await Eventually.HoldsAsync(async () =>
            (await redis.GetDatabase().StreamPendingAsync(environment.StreamKey("ProbeHappened"), "probe")).PendingMessageCount == 0);
        Assert.False(await redis.GetDatabase().KeyExistsAsync(environment.StreamKey("ProbeHappened") + ":deadletter"));
    }

    [Fact]
    public async Task An_event_that_keeps_failing_moves_to_the_dead_letter_stream_after_the_maximum_deliveries()
    {
        var environment = await ProbeEnvironment.CreateAsync();
        await using var app = await ProbeApp.StartAsync(environment.Settings(maxDeliveries: 2));
        var probe = new ProbeHappened("retry");

        await app.PublishAsync(probe);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.RedisConnectionString);
        var deadLetters = environment.StreamKey("ProbeHappened") + ":deadletter";
        await Eventually.HoldsAsync(async () => await redis.GetDatabase().StreamLengthAsync(deadLetters) == 1, TimeSpan.FromSeconds(20));
        Assert.Equal(2, app.Log.DeliveriesOf(probe.Id));
        Assert.False(await app.HandledAsync(probe.Id));
        var entry = (await redis.GetDatabase().StreamRangeAsync(deadLetters)).Single();
        Assert.Contains(probe.Id.ToString(), entry["cloudevent"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_event_goes_to_the_dead_letter_stream_at_once()
    {
        var environment = await ProbeEnvironment.CreateAsync();
        await using var app = await ProbeApp.StartAsync(environment.Settings());
        var probe = new ProbeHappened("drop");

        await app.PublishAsync(probe);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.RedisConnectionString);
        await Eventually.HoldsAsync(async () =>
            await redis.GetDatabase().StreamLengthAsync(environment.StreamKey("ProbeHappened") + ":deadletter") == 1);
        Assert.Equal(1, app.Log.DeliveriesOf(probe.Id));
    }

    [Fact]
    public async Task An_append_wakes_the_idle_consumer_long_before_its_next_poll()
    {
        var environment = await ProbeEnvironment.CreateAsync();
        var settings = environment.Settings();
        settings["Marketplace:EventBus:ConsumerPollInterval"] = "00:02:00";
        settings["Marketplace:EventBus:RedeliveryAfter"] = "00:04:00";
        await using var app = await ProbeApp.StartAsync(settings);

        // The first event may be read by the consumer's first pass; the second finds it asleep.
        var first = new ProbeHappened("first");
        await app.PublishAsync(first);
        await Eventually.HoldsAsync(async () => await app.HandledAsync(first.Id), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var second = new ProbeHappened("second");
        await app.PublishAsync(second);

        await Eventually.HoldsAsync(async () => await app.HandledAsync(second.Id), TimeSpan.FromSeconds(10));
    }
}
