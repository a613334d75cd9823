using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using FluentValidation;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Invocation;
using Marketplace.BuildingBlocks.Observability;
using Marketplace.BuildingBlocks.Runtime;
using Marketplace.BuildingBlocks.Secrets;
using Marketplace.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.BuildingBlocks.Hosting;

public static class ServiceDefaultsExtensions
{
    public const int MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Everything a Marketplace service shares: runtime mode and secrets, JSON logs and telemetry, problem details,
    /// JWT and internal authentication with the role policies, validators, health checks, OpenAPI and peer invocation.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string appId)
    {
        var serviceAssembly = Assembly.GetCallingAssembly();
        var runtime = MarketplaceRuntime.FromConfiguration(builder.Configuration, appId);
        if (runtime.IsDapr)
        {
            builder.Configuration.AddDaprSecretStore(runtime, builder.Configuration["Marketplace:SecretStore"] ?? "secretstore");
        }

        var services = builder.Services;
        services.AddSingleton(runtime);
        builder.AddMarketplaceTelemetry(runtime.AppId);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.Converters.Add(new NulFreeStringConverter());
        });
        services.AddHttpContextAccessor();
        services.AddMarketplaceProblemDetails();
        services.AddSingleton<ServiceEndpoints>();
        services.AddTransient<OutgoingHeadersHandler>();
        services.AddHttpClient(ServiceEndpoints.JwksClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .AddHttpMessageHandler<OutgoingHeadersHandler>();
        services.AddMarketplaceAuthentication(builder.Configuration);
        // A rule stops at its first failure, so later checks never see a null the first one rejected.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        // Validators hold no state and no dependencies; building one compiles its rules' expressions, which per request
        // took 4 to 8% of a busy service's CPU.
        services.AddValidatorsFromAssembly(serviceAssembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddHealthChecks();
        services.AddOpenApi();
        services.AddOptions<IdleMemoryOptions>().BindConfiguration(IdleMemoryOptions.Section);
        if ((builder.Configuration.GetSection(IdleMemoryOptions.Section).Get<IdleMemoryOptions>() ?? new IdleMemoryOptions()).Enabled)
        {
            services.AddSingleton<IdleMemoryTrimmer>();
            services.AddHostedService(provider => provider.GetRequiredService<IdleMemoryTrimmer>());
        }

        return builder;
    }

    /// <summary>The shared middleware and infrastructure endpoints, in the order they must run.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseNulQueryGuard();
        app.UseCloudEvents();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/v1.json");
        app.MapSubscribeHandler();
        return app;
    }
}
