using Npgsql;

namespace Marketplace.Testing;

/// <summary>
/// A real PostgreSQL for tests: the one <c>./test.sh</c> started (<c>MARKETPLACE_TEST_PG</c>, a connection string
/// without a database), or else a private throwaway cluster this process starts and stops itself.
/// Every test class asks for its own fresh database.
/// </summary>
public sealed class PostgresServer
{
    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(StartAsync);
    private readonly string _baseConnectionString;

    private PostgresServer(string baseConnectionString) => _baseConnectionString = baseConnectionString;

    public static Task<PostgresServer> SharedAsync() => SharedServer.Value;

    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await AdministerAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    /// <summary>
    /// Makes the database of <paramref name="connectionString"/> refuse new connections and ends its sessions, as an
    /// outage would; or takes connections again.
    /// </summary>
    public async Task SetConnectionsAllowedAsync(string connectionString, bool allowed)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await AdministerAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS {(allowed ? "true" : "false")}");
        if (!allowed)
        {
            await AdministerAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_baseConnectionString) { Database = database, MaxPoolSize = 50, Pooling = true }.ConnectionString;

    private async Task AdministerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("MARKETPLACE_TEST_PG");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external);
        }

        var port = FreePorts.Next();
        var root = Path.Combine(Path.GetTempPath(), $"marketplace-pg-{Environment.ProcessId}-{port}");
        var data = Path.Combine(root, "data");
        var socket = Path.Combine(root, "sock");
        Directory.CreateDirectory(socket);
        if (Environment.UserName == "root")
        {
            await ProcessRunner.RunAsync("chown", "-R", "postgres:postgres", root);
        }

        await ProcessRunner.RunAsPostgresAsync($"{PgBin}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        await ProcessRunner.RunAsPostgresAsync($"{PgBin}/pg_ctl", "-D", data, "-l", Path.Combine(root, "pg.log"), "-w", "-t", "30", "start",
            "-o", $"-p {port} -k {socket} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            ProcessRunner.RunAsPostgresAsync($"{PgBin}/pg_ctl", "-D", data, "-m", "immediate", "stop").GetAwaiter().GetResult();
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres");
    }
}
