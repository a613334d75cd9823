using System.Net.Http.Json;

namespace Marketplace.Checkout.Tests.Api;

public static class CheckoutRequests
{
    public static object Valid(string paymentMethod = "Credit Card") => new
    {
        shippingAddress = new { street = "1 Main St", city = "Springfield", zip = "12345", country = "US" },
        paymentMethod,
    };

    public static Task<HttpResponseMessage> CheckoutAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/checkout") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }
}
