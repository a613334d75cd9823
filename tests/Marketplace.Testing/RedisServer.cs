using StackExchange.Redis;

namespace Marketplace.Testing;

/// <summary>A real Redis for tests: <c>MARKETPLACE_TEST_REDIS</c> (host:port) from <c>./test.sh</c>, or a private one this process starts.</summary>
public sealed class RedisServer
{
    private static readonly Lazy<Task<RedisServer>> SharedServer = new(StartAsync);

    private RedisServer(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static Task<RedisServer> SharedAsync() => SharedServer.Value;

    public async Task<IConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(ConnectionString);

    private static async Task<RedisServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("MARKETPLACE_TEST_REDIS");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new RedisServer(external);
        }

        var port = FreePorts.Next();
        var dir = Path.Combine(Path.GetTempPath(), $"marketplace-redis-{Environment.ProcessId}-{port}");
        Directory.CreateDirectory(dir);
        await ProcessRunner.RunAsync("redis-server", "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "yes", "--dir", dir, "--pidfile", Path.Combine(dir, "redis.pid"), "--logfile", Path.Combine(dir, "redis.log"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                ProcessRunner.RunAsync("redis-cli", "-p", port.ToString(), "shutdown", "nosave").GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        };
        var connectionString = $"127.0.0.1:{port}";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync(connectionString);
                return new RedisServer(connectionString);
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("redis-server did not start.");
    }
}
