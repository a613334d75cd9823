using System.Diagnostics;

namespace Marketplace.Payments.Processing;

/// <summary>
/// Test-only fault hook: with <c>Payments:CrashAfter</c> set to a point's name, the process kills itself the moment
/// it gets there, as <c>kill -9</c> would, so crash recovery can be tested deterministically.
/// </summary>
public sealed class CrashPoints(IConfiguration configuration)
{
    public const string GatewayCharged = "GatewayCharged";

    private readonly string? _crashAfter = configuration["Payments:CrashAfter"];

    public void Reached(string point)
    {
        if (string.Equals(_crashAfter, point, StringComparison.Ordinal))
        {
            using var self = Process.GetCurrentProcess();
            self.Kill();
        }
    }
}
