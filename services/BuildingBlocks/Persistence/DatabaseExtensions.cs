using System.Data.Common;
using Marketplace.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Marketplace.BuildingBlocks.Persistence;

public static class DatabaseExtensions
{
    /// <summary>
    /// Connections a service keeps to its database unless its connection string says otherwise: four per core, from 8
    /// to 32. The server runs one process per connection, so more connections than it has cores to run them only make
    /// statements wait on each other's locks and wake-ups there; queued in the service, they wait for nothing but a
    /// free connection (bench/README.md has the measurements).
    /// </summary>
    public static int DefaultMaxPoolSize { get; } = Math.Clamp(4 * Environment.ProcessorCount, 8, 32);

    /// <summary>
    /// The service's own PostgreSQL database (<c>ConnectionStrings:Database</c>), pooled, snake_case, with a readiness
    /// check. See <see cref="ServiceConnectionString"/> for <paramref name="genericPlans"/>.
    /// </summary>
    public static WebApplicationBuilder AddServiceDatabase<TDbContext>(this WebApplicationBuilder builder, bool genericPlans = true)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.ServiceConnectionString(genericPlans);
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton<OutboxSignalInterceptor>();
        // No more contexts are kept than the connection pool has connections: a busy spell otherwise leaves every
        // context it created (with its internal services) in the pool, up to 1,024.
        builder.Services.AddDbContextPool<TDbContext>(
            (provider, options) => Configure(options, connectionString).AddInterceptors(provider.GetRequiredService<OutboxSignalInterceptor>()),
            poolSize: DefaultMaxPoolSize);
        builder.Services.AddHealthChecks().AddDbContextCheck<TDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// The service database's connection string (<c>ConnectionStrings:Database</c>), as its DbContext uses it: a
    /// connection opened with it comes from the same pool. With <paramref name="genericPlans"/> (unless the string sets
    /// <c>plan_cache_mode</c> itself) a prepared statement is planned once per connection: left to choose, the server
    /// plans a statement over an array of ids anew on every run, because its estimate for the generic plan never wins,
    /// and that planning was a tenth of the database's time under checkout load. That suits services whose queries
    /// find rows by key; one whose queries filter on values of very different selectivity (the catalog's price ranges
    /// and searches) keeps the plans made for each run's values.
    /// </summary>
    public static string ServiceConnectionString(this IConfiguration configuration, bool genericPlans = true)
    {
        var connectionString = Tuned(configuration.GetConnectionString("Database") ?? throw new InvalidOperationException("ConnectionStrings:Database is required."));
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!genericPlans || (builder.Options ?? string.Empty).Contains("plan_cache_mode", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        builder.Options = $"{builder.Options} -c plan_cache_mode=force_generic_plan".TrimStart();
        return builder.ConnectionString;
    }

    /// <summary>Options shared by the running service and the design-time factory that generates migrations.</summary>
    public static TBuilder Configure<TBuilder>(TBuilder options, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseNpgsql(Tuned(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            // EF Core logs every failed statement, save and connection as an error, also those the service answers
            // for (a unique email as a 409, an unreachable database as a 503 with its own warning) and the check
            // for a database not created yet at first start. What nobody handles is logged once as the request's
            // unhandled exception, or by the background loop it broke.
            .ConfigureWarnings(warnings => warnings.Log(
                (RelationalEventId.CommandError, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (RelationalEventId.ConnectionError, LogLevel.Debug)));
        return options;
    }

    /// <summary>
    /// Pool settings for a service that owns its database, unless the connection string sets them: statements run often
    /// are prepared once per connection instead of parsed and planned on every call; a connection going back to the
    /// pool is not reset, which would cost the server seven statements on every use (the services set no session
    /// state, and a session lock is released by whoever takes it); and the pool stays small, so requests queue for a
    /// connection rather than seven services opening a hundred each and the server refusing more clients.
    /// </summary>
    private static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = GivenKeywords(connectionString);
        if (!given.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.Overlaps(["maxpoolsize", "maximumpoolsize"]))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The keywords the connection string sets, lower case without spaces. (Npgsql's own builder answers ContainsKey
    /// for every keyword it knows, set or not.)
    /// </summary>
    private static HashSet<string> GivenKeywords(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(keyword => keyword.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant())
            .ToHashSet();

    /// <summary>Applies pending migrations, waiting for the database server to accept connections.</summary>
    public static async Task MigrateDatabaseAsync<TDbContext>(this WebApplication app, TimeSpan? timeout = null)
        where TDbContext : DbContext
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Migrations");
        while (true)
        {
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TDbContext>().Database.MigrateAsync();
                return;
            }
            catch (NpgsqlException exception) when (DateTimeOffset.UtcNow < deadline && exception.IsTransient)
            {
                logger.LogWarning("Database not reachable yet ({Error}); retrying", exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
