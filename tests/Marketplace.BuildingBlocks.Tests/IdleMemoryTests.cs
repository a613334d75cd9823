using Marketplace.BuildingBlocks.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class IdleMemoryTests
{
    private const long Mb = 1024 * 1024;

    private static readonly IdleMemoryOptions Defaults = new()
    {
        QuietAllocationBytes = 1 * Mb,
        QuietChecks = 3,
        AllocatedBeforeTrim = 32 * Mb,
    };

    [Fact]
    public void A_busy_spell_is_trimmed_once_the_service_has_been_quiet_for_the_checks_it_needs()
    {
        var policy = new IdleTrimPolicy(Defaults);

        var decisions = Samples(policy, 100 * Mb, 200 * Mb, 200 * Mb, 200 * Mb, 200 * Mb, 200 * Mb, 200 * Mb);

        Assert.Equal([false, false, false, false, true, false, false], decisions);
    }

    [Fact]
    public void A_service_that_keeps_allocating_is_never_paused()
    {
        var policy = new IdleTrimPolicy(Defaults);

        var decisions = Samples(policy, Enumerable.Range(1, 20).Select(second => second * 5 * Mb).ToArray());

        Assert.DoesNotContain(true, decisions);
    }

    [Fact]
    public void Background_polling_earns_another_trim_once_it_has_added_up_to_the_threshold()
    {
        var policy = new IdleTrimPolicy(Defaults);
        var polling = Enumerable.Range(1, 100).Select(second => 40 * Mb + second * (Mb / 2)).ToArray();

        var decisions = Samples(policy, [40 * Mb, .. polling]);

        // The start-up trim at 41.5 MB, the next once polling reached 41.5 + 32 MB.
        Assert.Equal([3, 67], decisions.Select((trim, check) => (trim, check)).Where(d => d.trim).Select(d => d.check));
    }

    [Fact]
    public void What_the_service_releases_while_idle_counts_towards_the_next_trim()
    {
        var policy = new IdleTrimPolicy(Defaults);
        var asked = 0;
        long Release()
        {
            asked++;
            return 20 * Mb;
        }

        // Busy: never asked. Idle: the start-up trim, then 20 MB released on each check reaches 32 MB on the second.
        var decisions = new[] { 10 * Mb, 50 * Mb, 50 * Mb, 50 * Mb, 50 * Mb, 50 * Mb, 50 * Mb }
            .Select(total => policy.ShouldTrim(total, Release)).ToArray();

        Assert.Equal([false, false, false, false, true, false, true], decisions);
        Assert.Equal(3, asked);
    }

    [Fact]
    public async Task The_trimmer_compacts_the_heap_when_the_process_goes_quiet()
    {
        var options = new IdleMemoryOptions
        {
            CheckInterval = TimeSpan.FromMilliseconds(50),
            QuietChecks = 2,
            // Other tests allocate in parallel: every check counts as quiet here; the policy's own tests cover quietness.
            QuietAllocationBytes = long.MaxValue,
            AllocatedBeforeTrim = 1,
        };
        var before = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;
        using var trimmer = new IdleMemoryTrimmer(Options.Create(options), [], NullLogger<IdleMemoryTrimmer>.Instance);

        await trimmer.StartAsync(TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (trimmer.Trims == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await trimmer.StopAsync(TestContext.Current.CancellationToken);
        var fullCollection = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Assert.True(trimmer.Trims >= 1, "no trim within 10 s");
        Assert.True(fullCollection.Index > before && fullCollection.Compacted, "the trim ran a compacting full collection");
    }

    private static bool[] Samples(IdleTrimPolicy policy, params long[] totals) => totals.Select(total => policy.ShouldTrim(total)).ToArray();
}
