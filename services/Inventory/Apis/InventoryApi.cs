using System.Security.Claims;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Inventory.Apis.Requests;
using Marketplace.Inventory.Catalog;
using Marketplace.Inventory.Infrastructure;
using Marketplace.Inventory.Stock;
using Microsoft.AspNetCore.Http.HttpResults;

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
        var items = await db.ReadBatchAsync([InventoryRows.ReadStock(productId)], InventoryRows.ItemsAsync, cancellationToken);
        return items is [var item]
            ? TypedResults.Ok(Envelope.Of(StockView.Of(item)))
            : Problems.NotFound($"No inventory for product {productId}.");
    }

    /// <summary>Products on sale whose available quantity is below their threshold, scarcest first.</summary>
    public static async Task<Results<Ok<PagedEnvelope<StockView>>, ValidationProblem>> LowStockAsync(
        InventoryDbContext db, CancellationToken cancellationToken, int page = 1, int limit = 50)
    {
        if (Pagination.Refusal(page, limit) is { } refusal)
        {
            return refusal;
        }

        var (total, items) = await db.ReadPageAsync(InventoryRows.ReadLowStock((page - 1) * limit, limit), InventoryRows.ItemsAsync, cancellationToken);
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
