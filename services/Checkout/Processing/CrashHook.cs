using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Marketplace.Checkout.Processing;

/// <summary>The <c>Checkout:CrashAfter</c> fault: kills the process the way kill -9 would, right after a step is recorded.</summary>
public sealed class CrashHook(IOptions<CheckoutOptions> options, ILogger<CrashHook> logger)
{
    public void AfterRecorded(string step)
    {
        if (!string.Equals(options.Value.CrashAfter, step, StringComparison.Ordinal))
        {
            return;
        }

        logger.LogCritical("Checkout:CrashAfter={Step}: killing the process", step);
        using var self = Process.GetCurrentProcess();
        self.Kill();
    }
}
