using System.Security.Claims;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Orders.Apis.Requests;
using Marketplace.Orders.Carts;
using Marketplace.Orders.Catalog;
using Marketplace.Orders.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Orders.Apis;

public static class CartApi
{
    public static IEndpointRouteBuilder MapCartApi(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("/api/orders/cart").WithTags("Cart").RequireAuthorization(Policies.User);
        cart.MapPost("/add", AddAsync).WithValidation<AddCartItemRequest>();
        cart.MapGet("/", GetAsync);
        cart.MapDelete("/remove", RemoveAsync).WithValidation<RemoveCartItemRequest>();
        cart.MapDelete("/clear", ClearAsync);
        return app;
    }

    public static async Task<Results<Ok<Envelope<CartView>>, ProblemHttpResult>> AddAsync(
        AddCartItemRequest request, ClaimsPrincipal principal, ProductCatalogClient catalog, CartStore carts, CancellationToken cancellationToken)
    {
        var product = await catalog.FindAsync(request.ProductId!.Value, cancellationToken);
        if (product is null)
        {
            return Problems.NotFound("No such product in the catalog.");
        }

        var userId = principal.GetUserId();
        return await carts.AddAsync(userId, product, request.Quantity ?? CartItem.MinQuantity, cancellationToken) switch
        {
            CartChange.TooManyLines => Problems.Conflict($"A cart holds at most {Cart.MaxLines} different products."),
            CartChange.LineQuantityExceeded => Problems.Conflict($"A cart holds at most {CartItem.MaxQuantity} of one product."),
            _ => await CurrentAsync(userId, carts, "Item added to cart", cancellationToken),
        };
    }

    public static async Task<Ok<Envelope<CartView>>> GetAsync(ClaimsPrincipal principal, CartStore carts, CancellationToken cancellationToken) =>
        await CurrentAsync(principal.GetUserId(), carts, null, cancellationToken);

    public static async Task<Results<Ok<Envelope<CartView>>, ProblemHttpResult>> RemoveAsync(
        [FromBody] RemoveCartItemRequest request, ClaimsPrincipal principal, CartStore carts, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        return await carts.RemoveAsync(userId, request.ProductId!.Value, cancellationToken) == CartChange.ItemNotInCart
            ? Problems.NotFound("The product is not in the cart.")
            : await CurrentAsync(userId, carts, "Item removed from cart", cancellationToken);
    }

    public static async Task<Ok<Envelope<CartView>>> ClearAsync(ClaimsPrincipal principal, CartStore carts, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        await carts.ClearAsync(userId, cancellationToken);
        return await CurrentAsync(userId, carts, "Cart cleared", cancellationToken);
    }

    private static async Task<Ok<Envelope<CartView>>> CurrentAsync(Guid userId, CartStore carts, string? message, CancellationToken cancellationToken) =>
        TypedResults.Ok(Envelope.Of(CartView.Of(await carts.GetAsync(userId, cancellationToken)), message));
}
