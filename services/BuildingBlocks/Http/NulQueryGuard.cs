using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketplace.BuildingBlocks.Http;

/// <summary>
/// Refuses a request whose query string holds a NUL character (<c>%00</c>) with a 400 that names the parameter: as in
/// a JSON string (<see cref="NulFreeStringConverter"/>), PostgreSQL could not take it. Route values need no guard:
/// every one of ours is an id that has to parse.
/// </summary>
public static class NulQueryGuard
{
    public static IApplicationBuilder UseNulQueryGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (ParameterWithNul(context.Request) is { } field)
            {
                await Problems.Validation(field, NulFreeStringConverter.Refusal(field)).ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    private static string? ParameterWithNul(HttpRequest request)
    {
        // A NUL can only arrive percent-encoded, so a query string without "%00" is passed over unparsed.
        if (request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) != true)
        {
            return null;
        }

        foreach (var (name, values) in request.Query)
        {
            if (name.Contains('\0'))
            {
                return "query";
            }

            if (values.Any(value => value?.Contains('\0') == true))
            {
                return name;
            }
        }

        return null;
    }
}
