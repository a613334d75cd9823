using System.Net;
using Marketplace.Testing;

namespace Marketplace.Users.Tests;

public static class ProblemAssertions
{
    /// <summary>A 400 problem details body with <c>success: false</c> and an error for <paramref name="field"/>.</summary>
    public static async Task AssertFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.False((bool)body["success"]!);
        Assert.NotNull(body["errors"]![field]);
    }
}
