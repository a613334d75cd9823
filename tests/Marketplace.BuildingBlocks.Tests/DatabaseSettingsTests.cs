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
    }

    [Fact]
    public void The_default_pool_is_small_but_never_below_eight_connections() =>
        Assert.InRange(DatabaseExtensions.DefaultMaxPoolSize, 8, 32);

    [Theory]
    [InlineData("Maximum Pool Size=80;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("MaxPoolSize=80;MaxAutoPrepare=0;NoResetOnClose=false")]
    [InlineData("maximum pool size=80;max auto prepare=0;no reset on close=false")]
    public void Settings_the_connection_string_gives_are_kept_whatever_the_spelling(string settings)
    {
        var tuned = Tuned($"Host=127.0.0.1;Username=postgres;Database=orders;{settings}");

        Assert.Equal((80, 0, false), (tuned.MaxPoolSize, tuned.MaxAutoPrepare, tuned.NoResetOnClose));
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
    public void A_service_connection_string_plans_prepared_statements_once_unless_the_service_or_the_string_says_otherwise()
    {
        static string? OptionsOf(string connectionString, bool genericPlans = true) =>
            new NpgsqlConnectionStringBuilder(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Database"] = connectionString })
                .Build()
                .ServiceConnectionString(genericPlans)).Options;

        Assert.Equal("-c plan_cache_mode=force_generic_plan", OptionsOf("Host=127.0.0.1;Database=orders"));
        Assert.Equal("-c statement_timeout=5s -c plan_cache_mode=force_generic_plan", OptionsOf("Host=127.0.0.1;Options=-c statement_timeout=5s"));
        Assert.Equal("-c plan_cache_mode=auto", OptionsOf("Host=127.0.0.1;Options=-c plan_cache_mode=auto"));
        Assert.Null(OptionsOf("Host=127.0.0.1;Database=products", genericPlans: false));
    }

    [Fact]
    public async Task The_server_takes_the_plan_setting_from_the_service_connection_string()
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("plans");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Database"] = database })
            .Build();
        await using var connection = new NpgsqlConnection(configuration.ServiceConnectionString());
        await connection.OpenAsync();
        await using var show = new NpgsqlCommand("SHOW plan_cache_mode", connection);

        Assert.Equal("force_generic_plan", await show.ExecuteScalarAsync());
    }

    private static NpgsqlConnectionStringBuilder Tuned(string connectionString)
    {
        var options = DatabaseExtensions.Configure(new DbContextOptionsBuilder<ProbeDbContext>(), connectionString).Options;
        return new NpgsqlConnectionStringBuilder(options.Extensions.OfType<RelationalOptionsExtension>().Single().ConnectionString);
    }
}
