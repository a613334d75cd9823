using System.Net;

namespace Marketplace.Testing;

public static class ProblemAssertions
{
    /// <summary>The response is a 400 problem (<c>success: false</c>) with an error entry for each of <paramref name="fields"/>.</summary>
    public static async Task AssertFieldErrorsAsync(this HttpResponseMessage response, params string[] fields)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.False((bool)body["success"]!);
        Assert.All(fields, field => Assert.NotNull(body["errors"]![field]));
    }

    /// <summary>The response is a 400 problem whose errors for <paramref name="field"/> include <paramref name="message"/>.</summary>
    public static async Task AssertFieldErrorAsync(this HttpResponseMessage response, string field, string message)
    {
        await response.AssertFieldErrorsAsync(field);
        var messages = (await response.ReadJsonAsync())["errors"]![field]!.AsArray().Select(entry => (string?)entry);
        Assert.Contains(message, messages);
    }
}
