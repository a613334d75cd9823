using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Checkout.Workflow;
using Marketplace.Testing;

namespace Marketplace.Checkout.Tests.Api;

public static class CheckoutRequests
{
    public static object Address { get; } = new { street = "1 Main St", city = "Springfield", zip = "12345", country = "US" };

    public static object Valid(string paymentMethod = "Credit Card") => new { shippingAddress = Address, paymentMethod };

    public static Task<HttpResponseMessage> CheckoutAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/checkout") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    /// <summary>
    /// The final outcome and order of a checkout answer; a 202 is followed to the saga's end, for machines too busy
    /// to finish within the response wait.
    /// </summary>
    public static async Task<(CheckoutOutcome Outcome, Guid? OrderId)> OutcomeAsync(this HttpClient client, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            var body = await response.ReadJsonAsync();
            var outcome = response.StatusCode switch
            {
                HttpStatusCode.OK => CheckoutOutcome.Confirmed,
                HttpStatusCode.Conflict => CheckoutOutcome.OutOfStock,
                HttpStatusCode.PaymentRequired => CheckoutOutcome.PaymentDeclined,
                HttpStatusCode.BadRequest => CheckoutOutcome.Rejected,
                _ => CheckoutOutcome.Failed,
            };
            return (outcome, (Guid?)body["orderId"]);
        }

        var completed = await CompletedViewAsync(client, response.Headers.Location!);
        return (Enum.Parse<CheckoutOutcome>((string)completed["outcome"]!), (Guid?)completed["orderId"]);
    }

    /// <summary>Follows a checkout's status link until its saga has completed; returns the status then.</summary>
    public static Task<JsonNode> CompletedViewAsync(this HttpClient client, Uri location) =>
        client.ViewWhenAsync(location, view => (string)view["status"]! == "Completed", "complete");

    /// <summary>Follows a checkout's status link until <paramref name="condition"/> holds (two minutes at most); returns the status then.</summary>
    public static async Task<JsonNode> ViewWhenAsync(this HttpClient client, Uri location, Func<JsonNode, bool> condition, string what)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            var view = (await (await client.GetAsync(location)).ReadJsonAsync())["data"]!;
            if (condition(view))
            {
                return view;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{location} did not {what} in two minutes.");
    }

    /// <summary>The saga's recorded steps, each with whether it succeeded.</summary>
    public static IEnumerable<(string Name, bool Succeeded)> Steps(this JsonNode view) =>
        view["steps"]!.AsArray().Select(step => ((string)step!["name"]!, (bool)step["succeeded"]!));
}
