using System.Security.Claims;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Inventory.Apis.Requests;
using Marketplace.Inventory.Catalog;
using Marketplace.Inventory.Infrastructure;
using Marketplace.Inventory.Stock;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Inventory.Apis;

public static class InventoryApi
{
    public static IEndpointRouteBuilder MapInventoryApi(this IEndpointRouteBuilder app)
    {
        var inventory = app.MapGroup("/api/inventory").WithTags("Inventory");
        inventory.MapGet("/{productId:guid}", GetAsync).AllowAnonymous();
        inventory.MapGet("/status/low-stock", LowStockAsync).AllowAnonymous();
        inventory.MapPost("/add", AddAsync).WithValidation<AddStockRequest>().RequireAuthorization(Policies.VendorOrAdmin);
        return app;
    }

    public static async Task<Results<Ok<Envelope<StockView>>, ProblemHttpResult>> GetAsync(
        Guid productId, InventoryDbContext db, CancellationToken cancellationToken)
    {
        var item = await db.Inventories.AsNoTracking().SingleOrDefaultAsync(i => i.ProductId == productId, cancellationToken);
        return item is null
            ? Problems.NotFound($"No inventory for product {productId}.")
            : TypedResults.Ok(Envelope.Of(StockView.Of(item)));
    }

    /// <summary>Products on sale whose available quantity is below their threshold, scarcest first.</summary>
    public static async Task<Results<Ok<PagedEnvelope<StockView>>, ValidationProblem>> LowStockAsync(
        InventoryDbContext db, CancellationToken cancellationToken, int page = 1, int limit = 50)
    {
        if (Pagination.Refusal(page, limit) is { } refusal)
        {
            return refusal;
        }

        var lowStock = db.Inventories.AsNoTracking().Where(i => !i.Discontinued && i.Quantity < i.LowStockThreshold);
        var total = await lowStock.LongCountAsync(cancellationToken);
        var items = await lowStock.OrderBy(i => i.Quantity).ThenBy(i => i.ProductId)
            .Skip((page - 1) * limit).Take(limit).ToListAsync(cancellationToken);
        return TypedResults.Ok(Envelope.Page(items.Select(StockView.Of).ToList(), Pagination.Of(page, limit, total)));
    }

    public static async Task<Results<Ok<Envelope<StockView>>, ProblemHttpResult>> AddAsync(
        AddStockRequest request, ClaimsPrincipal principal, ProductCatalogClient catalog, StockLedger ledger, CancellationToken cancellationToken)
    {
        var productId = request.ProductId!.Value;
        ProductCatalogClient.Product? product;
        try
        {
            product = await catalog.FindAsync(productId, cancellationToken);
        }
        catch (CatalogUnavailableException)
        {
            return Problems.ServiceUnavailable("The product catalog is unavailable; try again later.");
        }

        if (product is null)
        {
            return Problems.NotFound($"Product {productId} does not exist.");
        }

        if (!principal.IsAdmin() && product.UserId != principal.GetUserId())
        {
            return Problems.Forbidden("Vendors can only stock their own products.");
        }

        var item = await ledger.AddAsync(productId, request.Quantity!.Value, request.LowStockThreshold, cancellationToken);
        return item is null
            ? Problems.Conflict($"The stock of a product cannot exceed {StockLedger.MaxStock}.")
            : TypedResults.Ok(Envelope.Of(StockView.Of(item), "Inventory updated"));
    }
}
