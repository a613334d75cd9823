using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.BuildingBlocks.Http;

public static class ProblemDetailsSetup
{
    public static IServiceCollection AddMarketplaceProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["success"] = false;
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            // ASP.NET Core gives a type to the common statuses only; these two are ours to name.
            context.ProblemDetails.Type ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status402PaymentRequired => "https://tools.ietf.org/html/rfc9110#section-15.5.3",
                StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
                _ => null,
            };
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            if (context.ProblemDetails.Status == StatusCodes.Status400BadRequest && context.ProblemDetails is not HttpValidationProblemDetails)
            {
                context.ProblemDetails.Extensions.TryAdd("errors", new Dictionary<string, string[]>());
            }
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}

/// <summary>Turns malformed bodies, wrong JSON types and missing parameters into 400 problems with per-field errors.</summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        logger.LogInformation("Rejected a malformed request to {Path}: {Reason}", httpContext.Request.Path, badRequest.Message);
        var (field, message) = Describe(badRequest);
        var status = badRequest.StatusCode is >= 400 and < 500 ? badRequest.StatusCode : StatusCodes.Status400BadRequest;
        httpContext.Response.StatusCode = status;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = status == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "The request is malformed.",
            Detail = message,
        };
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static (string Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            if (json.Message == NulFreeStringConverter.RefusalMessage)
            {
                var field = JsonPathToField(json.Path ?? "$");
                return (field, NulFreeStringConverter.Refusal(field));
            }

            // Type mismatches name the offending field (the body itself when it is valid JSON but no object); anything
            // else is a syntax error in the body as a whole.
            var isTypeMismatch = json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
            if (!isTypeMismatch)
            {
                return ("body", "The body is not valid JSON.");
            }

            var path = JsonPathToField(json.Path ?? "$");
            return (path, path == "body" ? "The body must be a JSON object." : $"The value of '{path}' has the wrong type or format.");
        }

        // Route and query values that do not parse: 'Failed to bind parameter "int? Page" from "abc".'
        var parameter = BoundParameter().Match(exception.Message);
        if (parameter.Success)
        {
            var name = parameter.Groups["name"].Value;
            var field = char.ToLowerInvariant(name[0]) + name[1..];
            return (field, $"The value of '{field}' has the wrong type or format.");
        }

        return exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase) || exception.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase)
            ? ("body", "A JSON body is required.")
            : ("request", exception.Message);
    }

    [GeneratedRegex(@"parameter ""[^""]* (?<name>\w+)"" from", RegexOptions.CultureInvariant)]
    private static partial Regex BoundParameter();

    private static string JsonPathToField(string path)
    {
        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return string.IsNullOrEmpty(trimmed) ? "body" : trimmed;
    }
}
