using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Marketplace.Testing;

/// <summary>
/// One service running in-process on a real Kestrel port, so peers, the gateway and the event consumer reach it
/// over real HTTP. <typeparamref name="TEntryPoint"/> is any type from the service's assembly.
/// </summary>
public sealed class ServiceHost<TEntryPoint> : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public ServiceHost(IReadOnlyDictionary<string, string?> settings, int? port = null)
    {
        Port = port ?? FreePorts.Next();
        _settings = settings;
        UseKestrel(Port);
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>The warnings and errors the service has logged.</summary>
    public LogRecorder Logs { get; } = new();

    /// <summary>Starts the service and returns a client bound to its address.</summary>
    public HttpClient CreateHttpClient()
    {
        StartServer();
        return new HttpClient { BaseAddress = BaseAddress };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Urls", BaseAddress.ToString());
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
