using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Marketplace.BuildingBlocks.Observability;

/// <summary>
/// One id follows a request through every service and event it causes: taken from <c>X-Correlation-Id</c>
/// (or the W3C trace id), echoed on the response, put in every log scope, and passed to peers and events.
/// </summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";
    private const int MaxLength = 128;
    private static readonly AsyncLocal<string?> Ambient = new();

    /// <summary>The id of the work in progress outside a request (an event delivery, the outbox relay).</summary>
    public static string? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    public static string? GetCorrelationId(this HttpContext context) =>
        context.Items.TryGetValue(HeaderName, out var value) ? value as string : null;

    internal static string FromRequest(HttpContext context)
    {
        var presented = context.Request.Headers[HeaderName].ToString();
        if (presented.Length is > 0 and <= MaxLength && presented.All(IsSafe))
        {
            return presented;
        }

        return Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
    }

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}

public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string ActivityTag = "correlation.id";

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = CorrelationId.FromRequest(context);
        context.Items[CorrelationId.HeaderName] = correlationId;
        // Set as the response starts, over whatever a cached response brings along.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationId.HeaderName] = correlationId;
            return Task.CompletedTask;
        });
        CorrelationId.Current = correlationId;

        // Log entries carry the request activity's tags (see TelemetrySetup), so the tag puts the id in every entry
        // without a scope of its own; a scope is the fallback where hosting created no activity.
        if (Activity.Current is { } activity)
        {
            activity.SetTag(ActivityTag, correlationId);
            await next(context);
            return;
        }

        using (logger.BeginScope(new Dictionary<string, object> { [ActivityTag] = correlationId }))
        {
            await next(context);
        }
    }
}
