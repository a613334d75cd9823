using Marketplace.BuildingBlocks.Caching;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class InMemoryOutputCacheStoreTests
{
    private static readonly TimeSpan LongEnough = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Briefly = TimeSpan.FromMilliseconds(50);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stored_response_is_served_until_it_expires()
    {
        using var store = Store();
        await store.SetAsync("lasting", [1, 2, 3], null, LongEnough, Cancellation);
        await store.SetAsync("brief", [4], null, Briefly, Cancellation);

        await Task.Delay(Briefly * 3, Cancellation);

        Assert.Equal([1, 2, 3], await store.GetAsync("lasting", Cancellation));
        Assert.Null(await store.GetAsync("brief", Cancellation));
    }

    [Fact]
    public async Task Evicting_a_tag_drops_its_responses_at_once_and_later_ones_are_served_again()
    {
        using var store = Store();
        await store.SetAsync("tagged", [1], ["products"], LongEnough, Cancellation);
        await store.SetAsync("other", [2], ["orders"], LongEnough, Cancellation);

        await store.EvictByTagAsync("products", Cancellation);
        Assert.Null(await store.GetAsync("tagged", Cancellation));
        Assert.Equal([2], await store.GetAsync("other", Cancellation));

        await store.SetAsync("tagged", [3], ["products"], LongEnough, Cancellation);
        Assert.Equal([3], await store.GetAsync("tagged", Cancellation));
    }

    [Fact]
    public async Task Releasing_idle_memory_drops_the_expired_responses_only_and_counts_their_bytes()
    {
        using var store = Store();
        await store.SetAsync("lasting", new byte[1_000], ["products"], LongEnough, Cancellation);
        for (var i = 0; i < 10; i++)
        {
            await store.SetAsync($"brief-{i}", new byte[500], ["products"], Briefly, Cancellation);
        }

        Assert.Equal(0, store.ReleaseIdleMemory());
        await Task.Delay(Briefly * 3, Cancellation);

        Assert.Equal(5_000, store.ReleaseIdleMemory());
        Assert.Equal(1_000, store.Size);
        Assert.NotNull(await store.GetAsync("lasting", Cancellation));
    }

    [Fact]
    public async Task Responses_beyond_the_size_limit_are_not_kept()
    {
        using var store = Store(sizeLimit: 1_000);
        await store.SetAsync("first", new byte[800], null, LongEnough, Cancellation);
        await store.SetAsync("second", new byte[800], null, LongEnough, Cancellation);

        Assert.NotNull(await store.GetAsync("first", Cancellation));
        Assert.Null(await store.GetAsync("second", Cancellation));
        Assert.True(store.Size <= 1_000);
    }

    private static InMemoryOutputCacheStore Store(long sizeLimit = 1024 * 1024) =>
        new(Options.Create(new OutputCacheOptions { SizeLimit = sizeLimit }));
}
