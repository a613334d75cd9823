using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public void A_plain_connection_string_gets_the_pool_settings_of_a_service()
    {
        var tuned = Tuned("Host=127.0.0.1;Username=postgres;Database=orders");

        Assert.Equal((DatabaseExtensions.DefaultMaxPoolSize, 64, true), (tuned.MaxPoolSize, tuned.MaxAutoPrepare, tuned.NoResetOnClose));
        Assert.Equal(DatabaseExtensions.PlanOnce, tuned.Options);
    }

    [Fact]
    public void The_default_pool_is_small_but_never_below_eight_connections() =>
        Assert.InRange(DatabaseExtensions.DefaultMaxPoolSize, 8, 32);

    [Theory]
    [InlineData("Maximum Pool Size=80;Max Auto Prepare=0;No Reset On Close=false;Options=-c work_mem=8MB")]
    [InlineData("MaxPoolSize=80;MaxAutoPrepare=0;NoResetOnClose=false;options=-c work_mem=8MB")]
    [InlineData("maximum pool size=80;max auto prepare=0;no reset on close=false;OPTIONS=-c work_mem=8MB")]
    public void Settings_the_connection_string_gives_are_kept_whatever_the_spelling(string settings)
    {
        var tuned = Tuned($"Host=127.0.0.1;Username=postgres;Database=orders;{settings}");

        Assert.Equal((80, 0, false, "-c work_mem=8MB"), (tuned.MaxPoolSize, tuned.MaxAutoPrepare, tuned.NoResetOnClose, tuned.Options));
    }

    [Fact]
    public void The_service_connection_string_is_the_one_its_DbContext_connects_with_so_both_share_one_pool()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Database"] = "Host=127.0.0.1;Username=postgres;Database=orders" })
            .Build();

        var serviceConnectionString = configuration.ServiceConnectionString();

        Assert.Equal(serviceConnectionString, Tuned(serviceConnectionString).ConnectionString);
        Assert.Equal(DatabaseExtensions.DefaultMaxPoolSize, new NpgsqlConnectionStringBuilder(serviceConnectionString).MaxPoolSize);
    }

    [Fact]
    public async Task A_session_opened_with_the_service_connection_string_plans_each_prepared_statement_once()
    {
        var server = await PostgresServer.SharedAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Database"] = server.ConnectionString("postgres") })
            .Build();
        await using var connection = new NpgsqlConnection(configuration.ServiceConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW plan_cache_mode", connection);

        Assert.Equal("force_generic_plan", await command.ExecuteScalarAsync());
    }

    private static NpgsqlConnectionStringBuilder Tuned(string connectionString)
    {
        var options = DatabaseExtensions.Configure(new DbContextOptionsBuilder<ProbeDbContext>(), connectionString).Options;
        return new NpgsqlConnectionStringBuilder(options.Extensions.OfType<RelationalOptionsExtension>().Single().ConnectionString);
    }
}
