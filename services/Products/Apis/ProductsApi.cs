using System.Security.Claims;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Products.Apis.Requests;
using Marketplace.Products.Domain;
using Marketplace.Products.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Products.Apis;

public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Products");
        products.MapGet("/", ListAsync).AllowAnonymous().CachedAsCatalogRead();
        products.MapGet("/categories", CategoriesAsync).AllowAnonymous().CachedAsCatalogRead();
        products.MapGet("/{id}", GetAsync).AllowAnonymous().CachedAsCatalogRead();
        products.MapPost("/lookup", LookupAsync).WithValidation<ProductLookupRequest>().RequireAuthorization(Policies.Internal);

        var changes = products.MapGroup("").RequireAuthorization(Policies.VendorOrAdmin).EvictsCatalogCache();
        changes.MapPost("/", CreateAsync).WithValidation<CreateProductRequest>();
        changes.MapPut("/{id}", UpdateAsync).WithValidation<UpdateProductRequest>();
        changes.MapDelete("/{id}", DeleteAsync);
        return app;
    }

    public static async Task<Results<Ok<PagedEnvelope<ProductView>>, ValidationProblem>> ListAsync(
        HttpRequest request, IProductRepository repository, CancellationToken cancellationToken)
    {
        var (query, errors) = ProductListParameters.Parse(request.Query);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await repository.ListAsync(query, cancellationToken);
        return TypedResults.Ok(Envelope.Page(page.Items.Select(ProductView.Of).ToList(), Pagination.Of(query.Page, query.Limit, page.Total)));
    }

    public static async Task<Ok<Envelope<IReadOnlyList<CategoryView>>>> CategoriesAsync(IProductRepository repository, CancellationToken cancellationToken)
    {
        var categories = await repository.CategoriesAsync(cancellationToken);
        return TypedResults.Ok(Envelope.Of<IReadOnlyList<CategoryView>>(categories.Select(c => new CategoryView(c.Category, c.Count)).ToList()));
    }

    public static async Task<Results<Ok<Envelope<ProductView>>, ProblemHttpResult, ValidationProblem>> GetAsync(
        string id, IProductRepository repository, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var productId))
        {
            return MalformedId();
        }

        var product = await repository.FindAsync(productId, cancellationToken);
        return product is null ? NotFound() : TypedResults.Ok(Envelope.Of(ProductView.Of(product)));
    }

    /// <summary>The current products among the ids, read in one query (a service pricing a cart); unknown ids are left out.</summary>
    public static async Task<Ok<Envelope<IReadOnlyList<ProductView>>>> LookupAsync(
        ProductLookupRequest request, IProductRepository repository, CancellationToken cancellationToken)
    {
        var products = await repository.FindManyAsync(request.Ids!.Distinct().ToList(), cancellationToken);
        return TypedResults.Ok(Envelope.Of<IReadOnlyList<ProductView>>(products.Select(ProductView.Of).ToList()));
    }

    public static async Task<Created<Envelope<ProductView>>> CreateAsync(
        CreateProductRequest request, ClaimsPrincipal principal, IProductRepository repository, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = Product.Timestamp(clock.GetUtcNow());
        var product = new Product(
            Guid.CreateVersion7(), request.Name!.Trim(), request.Description!.Trim(), request.Price!.Value, request.Category!.Trim(),
            ProductRules.CleanImages(request.Images), principal.GetUserId(), now, now);
        await repository.AddAsync(product, cancellationToken);
        return TypedResults.Created($"/api/products/{product.Id}", Envelope.Of(ProductView.Of(product), "Product created"));
    }

    public static async Task<Results<Ok<Envelope<ProductView>>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        string id, UpdateProductRequest request, ClaimsPrincipal principal, IProductRepository repository, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var productId))
        {
            return MalformedId();
        }

        var existing = await repository.FindAsync(productId, cancellationToken);
        if (existing is null)
        {
            return NotFound();
        }

        if (!MayChange(principal, existing))
        {
            return Problems.Forbidden("Only the product's owner or an admin may change it.");
        }

        var updated = await repository.UpdateAsync(
            productId,
            current => current with
            {
                Name = request.Name?.Trim() ?? current.Name,
                Description = request.Description?.Trim() ?? current.Description,
                Price = request.Price ?? current.Price,
                Category = request.Category?.Trim() ?? current.Category,
                Images = request.Images is null ? current.Images : ProductRules.CleanImages(request.Images),
                UpdatedAt = Product.Timestamp(clock.GetUtcNow()),
            },
            cancellationToken);
        return updated is null ? NotFound() : TypedResults.Ok(Envelope.Of(ProductView.Of(updated), "Product updated"));
    }

    public static async Task<Results<Ok<Envelope<DeletedView>>, ProblemHttpResult, ValidationProblem>> DeleteAsync(
        string id, ClaimsPrincipal principal, IProductRepository repository, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var productId))
        {
            return MalformedId();
        }

        var existing = await repository.FindAsync(productId, cancellationToken);
        if (existing is null)
        {
            return NotFound();
        }

        if (!MayChange(principal, existing))
        {
            return Problems.Forbidden("Only the product's owner or an admin may delete it.");
        }

        return await repository.DeleteAsync(productId, cancellationToken)
            ? TypedResults.Ok(Envelope.Of(new DeletedView(productId), "Product deleted"))
            : NotFound();
    }

    /// <summary>The owner never changes, so checking it before the atomic update is race-free.</summary>
    private static bool MayChange(ClaimsPrincipal principal, Product product) => principal.IsAdmin() || product.UserId == principal.GetUserId();

    private static ProblemHttpResult NotFound() => Problems.NotFound("Product not found.");

    private static ValidationProblem MalformedId() => Problems.Validation("id", "The product id must be a UUID.");
}
