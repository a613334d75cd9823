using System.Net;
using Marketplace.Testing;

namespace Marketplace.Products.Tests;

public static class ProblemAssertions
{
    /// <summary>The response is a 400 problem (<c>success: false</c>) with an error entry for each of <paramref name="fields"/>.</summary>
    public static async Task AssertFieldErrorsAsync(HttpResponseMessage response, params string[] fields)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.False((bool)body["success"]!);
        Assert.All(fields, field => Assert.NotNull(body["errors"]![field]));
    }
}
