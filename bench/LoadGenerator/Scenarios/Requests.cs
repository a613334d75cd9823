using System.Net.Http.Headers;
using System.Text;

namespace Marketplace.Bench.LoadGenerator.Scenarios;

/// <summary>The requests the scenarios send, built without serializer overhead on the load generator's side.</summary>
public static class Requests
{
    public static HttpRequestMessage Get(string url, string? token = null) => WithToken(new HttpRequestMessage(HttpMethod.Get, url), token);

    public static HttpRequestMessage Delete(string url, string token) => WithToken(new HttpRequestMessage(HttpMethod.Delete, url), token);

    public static HttpRequestMessage PostJson(string url, string json, string? token, string? idempotencyKey = null)
    {
        var request = WithToken(new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) }, token);
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    private static HttpRequestMessage WithToken(HttpRequestMessage request, string? token)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
