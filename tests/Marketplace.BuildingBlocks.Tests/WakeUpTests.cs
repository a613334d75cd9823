using Marketplace.BuildingBlocks.Messaging;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class WakeUpTests
{
    [Fact]
    public async Task Calls_while_the_loop_is_busy_wake_it_once()
    {
        using var wakeUp = new WakeUp();

        wakeUp.Set();
        wakeUp.Set();

        Assert.True(await wakeUp.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.False(await wakeUp.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public void A_call_after_the_loop_ended_is_ignored()
    {
        var wakeUp = new WakeUp();
        wakeUp.Dispose();

        var call = Record.Exception(wakeUp.Set);

        Assert.Null(call);
    }
}
