using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Marketplace.BuildingBlocks.Observability;

public static class TelemetrySetup
{
    public const string ActivitySourceName = "Marketplace";

    /// <summary>
    /// Series kept per metric. OpenTelemetry's default of 2,000 preallocates a large-object array for every instrument,
    /// some 7 MB of heap per service; a service's routes × methods × status codes stay far below this, and anything
    /// beyond it is still counted, in one overflow series.
    /// </summary>
    public const int MaxSeriesPerMetric = 256;

    /// <summary>
    /// JSON logs with scopes; metrics via OpenTelemetry (Prometheus, and OTLP when an endpoint is configured); traces
    /// only when an OTLP endpoint is configured, since recording spans nobody collects costs every request.
    /// </summary>
    public static WebApplicationBuilder AddMarketplaceTelemetry(this WebApplicationBuilder builder, string appId)
    {
        builder.Logging.ClearProviders();
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId | ActivityTrackingOptions.Tags);
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        // The resilience pipelines log every attempt at Information; retries and broken circuits are warnings.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(appId))
            .WithMetrics(metrics => metrics
                .AddMeter(ActivitySourceName)
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MaxSeriesPerMetric })
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentationIfAvailable()
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(tracing => tracing
                    .AddSource(ActivitySourceName)
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsInfrastructurePath(context.Request.Path))
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }

        return builder;
    }

    private static MeterProviderBuilder AddRuntimeInstrumentationIfAvailable(this MeterProviderBuilder metrics) =>
        metrics.AddMeter("System.Runtime");

    internal static bool IsInfrastructurePath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
