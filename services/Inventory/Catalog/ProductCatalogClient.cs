using System.Net;
using System.Net.Http.Json;
using Marketplace.BuildingBlocks.Http;

namespace Marketplace.Inventory.Catalog;

/// <summary>The products service's <c>GET /api/products/{id}</c>, for who owns a product and whether it exists.</summary>
public sealed class ProductCatalogClient(HttpClient http)
{
    public sealed record Product(Guid Id, string Name, Guid UserId);

    /// <summary>The product, or null when it is unknown or deleted; throws <see cref="CatalogUnavailableException"/> when the catalog cannot answer.</summary>
    public async Task<Product?> FindAsync(Guid productId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync($"/api/products/{productId}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<Envelope<Product>>(cancellationToken);
            return body?.Data ?? throw new CatalogUnavailableException("The product service sent an empty body.", null);
        }
        catch (Exception exception) when (exception is HttpRequestException or Polly.ExecutionRejectedException
                                              or System.Text.Json.JsonException || exception is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CatalogUnavailableException("The product service is unavailable.", exception);
        }
    }
}

public sealed class CatalogUnavailableException(string message, Exception? inner) : Exception(message, inner);
