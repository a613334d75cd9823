using Marketplace.BuildingBlocks.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Marketplace.Orders.Catalog;

/// <summary>Answers 503 when a request needed the catalog and the catalog could not answer.</summary>
internal sealed class CatalogUnavailableHandler(ILogger<CatalogUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not CatalogUnavailableException unavailable)
        {
            return false;
        }

        logger.LogWarning(unavailable, "The product catalog is unavailable");
        await Problems.ServiceUnavailable("The product catalog is unavailable; try again shortly.").ExecuteAsync(httpContext);
        return true;
    }
}
