using Marketplace.Checkout.Tests.Integration;
using Marketplace.Testing;

namespace Marketplace.Checkout.Tests.Crash;

/// <summary>
/// Products, inventory and orders in-process; payments and checkout as real child processes that tests kill and
/// restart. Checkout instances share one database, so a restarted one resumes what a killed one left.
/// </summary>
public sealed class CrashFixture : IAsyncLifetime
{
    private Dictionary<string, string?> _paymentsSettings = null!;
    private Dictionary<string, string?> _checkoutSettings = null!;
    private int _paymentsPort;

    private readonly SemaphoreSlim _steadyStart = new(1, 1);
    private ServiceProcess? _steadyCheckout;

    public PeerServices Peers { get; private set; } = null!;
    public ServiceProcess Payments { get; private set; } = null!;
    public Shop Shop { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Peers = await PeerServices.StartAsync();
        _paymentsSettings = await Peers.SettingsAsync("payments_crash");
        // A provider call that hangs stays in flight long enough to kill the service under it, also on a machine
        // slow enough that the test sees the charge Pending only seconds after it was recorded.
        _paymentsSettings["Payments:Gateway:Timeout"] = "00:00:06";
        _paymentsSettings["Payments:Gateway:MaxAttempts"] = "1";
        _paymentsPort = FreePorts.Next();
        await StartPaymentsAsync();

        _checkoutSettings = await Peers.SettingsAsync("checkout_crash", Peers.CheckoutPeers(Payments.BaseAddress));
        _checkoutSettings["Checkout:ResponseWait"] = "00:00:20";
        _checkoutSettings["Checkout:RetryDeadline"] = "00:02:00";
        _checkoutSettings["Checkout:LeaseDuration"] = "00:00:10";
        _checkoutSettings["Checkout:RecoveryInterval"] = "00:00:00.200";
        _checkoutSettings["Checkout:RetryInitialDelay"] = "00:00:00.100";
        _checkoutSettings["Checkout:RetryMaxDelay"] = "00:00:00.500";
        _checkoutSettings["Logging:LogLevel:Marketplace"] = "Information";
        Shop = new Shop(Peers, () => Payments.BaseAddress);
    }

    /// <summary>
    /// A checkout process set to kill itself right after recording <paramref name="crashAfter"/>. It drives only the
    /// saga it is asked to start (no recovery passes), so that it dies at its own step, not at another saga's.
    /// </summary>
    public Task<ServiceProcess> StartDoomedCheckoutAsync(string crashAfter)
    {
        var settings = new Dictionary<string, string?>(_checkoutSettings)
        {
            ["Checkout:CrashAfter"] = crashAfter,
            ["Checkout:RecoveryInterval"] = "01:00:00",
        };
        return ServiceProcess.StartAsync(ServiceProcess.LocateServiceDll("Checkout"), settings);
    }

    /// <summary>The checkout process without a fault hook, started on first use and shared by the tests.</summary>
    public async Task<ServiceProcess> SteadyCheckoutAsync()
    {
        await _steadyStart.WaitAsync();
        try
        {
            return _steadyCheckout ??= await ServiceProcess.StartAsync(ServiceProcess.LocateServiceDll("Checkout"), _checkoutSettings);
        }
        finally
        {
            _steadyStart.Release();
        }
    }

    /// <summary>Starts the payment service (again) on its fixed port, where checkout expects it.</summary>
    public async Task StartPaymentsAsync() =>
        Payments = await ServiceProcess.StartAsync(ServiceProcess.LocateServiceDll("Payments"), _paymentsSettings, _paymentsPort);

    public async ValueTask DisposeAsync()
    {
        if (_steadyCheckout is not null)
        {
            await _steadyCheckout.DisposeAsync();
        }

        _steadyStart.Dispose();
        await Payments.DisposeAsync();
        await Peers.DisposeAsync();
    }
}
