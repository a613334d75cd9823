using System.Net.Http.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Marketplace.Orders.Catalog;

/// <summary>The product service (app id <c>products</c>): the only source of product names and prices.</summary>
public sealed class ProductCatalogClient(HttpClient http)
{
    public const string AppId = "products";

    /// <summary>Looks several products up in one call; a product the catalog does not have maps to null.</summary>
    public async Task<IReadOnlyDictionary<Guid, CatalogProduct?>> FindAllAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        var ids = productIds.Distinct().ToList();
        var found = await AskAsync(
            async () =>
            {
                using var response = await http.PostAsJsonAsync("/api/products/lookup", new { ids }, cancellationToken);
                return (await ReadAsync<CatalogEnvelope<List<CatalogProduct>>>(response, cancellationToken)).Data
                    ?? throw new CatalogUnavailableException("The product service sent no products.");
            },
            cancellationToken);
        var byId = found.ToDictionary(product => product.Id);
        return ids.ToDictionary(id => id, id => byId.GetValueOrDefault(id));
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new CatalogUnavailableException($"The product service answered {(int)response.StatusCode}.");
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new CatalogUnavailableException("The product service sent an empty body.");
    }

    /// <summary>Runs a call to the catalog; a catalog that cannot be reached or answers nonsense is a <see cref="CatalogUnavailableException"/>.</summary>
    private static async Task<T> AskAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                              or System.Text.Json.JsonException || exception is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CatalogUnavailableException("The product service could not be reached.", exception);
        }
    }

    private sealed record CatalogEnvelope<T>(T? Data);
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
