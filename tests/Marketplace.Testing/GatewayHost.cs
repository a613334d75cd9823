using Marketplace.Gateway.Routing;

namespace Marketplace.Testing;

/// <summary>The real gateway in front of the services a test runs; every other service's routes lead to a closed port.</summary>
public static class GatewayHost
{
    // The discard port is privileged, so no free port handed to a service under test can ever be this one.
    private static readonly Uri ClosedPort = new("http://127.0.0.1:9/");

    /// <summary>
    /// Starts a gateway that routes each of <paramref name="services"/> to its address, with <paramref name="overrides"/>
    /// (CORS origins, rate limits...) on top of the shared test settings.
    /// </summary>
    public static ServiceHost<GatewayOptions> Start(IReadOnlyDictionary<string, string?>? overrides, params (string AppId, Uri Address)[] services)
    {
        // The gateway keeps no data: it reads neither a database nor Redis.
        var settings = TestSettings.For(databaseConnectionString: "", redisConnectionString: "");
        foreach (var appId in PublicRoutes.Prefixes.Keys)
        {
            settings[$"Marketplace:Services:{appId}"] = ClosedPort.ToString();
        }

        foreach (var (appId, address) in services)
        {
            settings[$"Marketplace:Services:{appId}"] = address.ToString();
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var gateway = new ServiceHost<GatewayOptions>(settings);
        gateway.CreateHttpClient().Dispose();
        return gateway;
    }
}
