using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Marketplace.Testing;

public static class HttpTestExtensions
{
    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static HttpClient WithInternalToken(this HttpClient client)
    {
        client.DefaultRequestHeaders.Remove("X-Internal-Token");
        client.DefaultRequestHeaders.Add("X-Internal-Token", TestSettings.InternalToken);
        return client;
    }

    /// <summary>Sends raw text as a JSON body: for malformed and wrongly typed payloads.</summary>
    public static Task<HttpResponseMessage> PostRawJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body) =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"Empty body with status {(int)response.StatusCode}.");
    }
}
