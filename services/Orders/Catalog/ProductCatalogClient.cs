using System.Net;
using System.Net.Http.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Marketplace.Orders.Catalog;

/// <summary>The product service (app id <c>products</c>): the only source of product names and prices.</summary>
public sealed class ProductCatalogClient(HttpClient http)
{
    public const string AppId = "products";
    private const int MaxConcurrentLookups = 8;

    /// <summary>The product as the catalog has it now, or null when it is unknown or deleted.</summary>
    public async Task<CatalogProduct?> FindAsync(Guid productId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync($"/api/products/{productId}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new CatalogUnavailableException($"The product service answered {(int)response.StatusCode}.");
            }

            var body = await response.Content.ReadFromJsonAsync<CatalogEnvelope>(cancellationToken);
            return body?.Data ?? throw new CatalogUnavailableException("The product service sent no product.");
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                              or System.Text.Json.JsonException || exception is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CatalogUnavailableException("The product service could not be reached.", exception);
        }
    }

    /// <summary>Looks several products up at once; a product the catalog does not have maps to null.</summary>
    public async Task<IReadOnlyDictionary<Guid, CatalogProduct?>> FindAllAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<Guid, CatalogProduct?>();
        await Parallel.ForEachAsync(
            productIds.Distinct(),
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentLookups, CancellationToken = cancellationToken },
            async (productId, token) => found[productId] = await FindAsync(productId, token));
        return found;
    }

    private sealed record CatalogEnvelope(CatalogProduct? Data);
}

public sealed record CatalogProduct(Guid Id, string Name, decimal Price);

/// <summary>The catalog could not answer; callers get a 503 rather than prices the catalog did not confirm.</summary>
public sealed class CatalogUnavailableException : Exception
{
    public CatalogUnavailableException(string message)
        : base(message)
    {
    }

    public CatalogUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CatalogUnavailableException()
    {
    }
}
