using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Checkout.Saga;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Marketplace.Checkout.Peers;

/// <summary>
/// One call to a peer, with an idempotency key (a batch goes without: each of its items is keyed by its own id).
/// Failures that may go away (no connection, timeouts, an open circuit, 5xx, 408, 429) become
/// <see cref="TransientFailureException"/>; every other answer goes back to the caller.
/// </summary>
internal static class PeerCall
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient http, HttpMethod method, string path, object body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: SagaJson.Options) };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (IsTransient(exception) && !cancellationToken.IsCancellationRequested)
        {
            throw new TransientFailureException($"{method} {path}: {exception.Message}", exception);
        }

        if (IsTransient(response.StatusCode))
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new TransientFailureException($"{method} {path} answered {status}.");
        }

        return response;
    }

    public static async Task<T> ReadDataAsync<T>(this HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var envelope = await response.Content.ReadFromJsonAsync<DataEnvelope<T>>(SagaJson.Options, cancellationToken);
        return envelope is { Data: { } data } ? data : throw new InvalidOperationException($"The peer answered {(int)response.StatusCode} without data.");
    }

    /// <summary>The body of an error answer (problem details), or an empty object when it has none.</summary>
    public static async Task<JsonObject> ReadProblemAsync(this HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>An answer that retrying will not change: the step fails for good.</summary>
    public static async Task<Exception> RejectedAsync(this HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        var problem = await response.ReadProblemAsync(cancellationToken);
        return new InvalidOperationException($"{call} was refused with {(int)response.StatusCode}: {Detail(problem) ?? response.ReasonPhrase}");
    }

    public static string? Detail(JsonObject problem) => (string?)problem["detail"] ?? (string?)problem["title"];

    private static bool IsTransient(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException or IOException;

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private sealed record DataEnvelope<T>(T? Data);
}
