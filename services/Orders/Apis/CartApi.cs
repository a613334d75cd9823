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
        AddCartItemRequest request, ClaimsPrincipal principal, CatalogLookups catalog, CartStore carts, CancellationToken cancellationToken)
    {
        var product = await catalog.FindAsync(request.ProductId!.Value, cancellationToken);
        if (product is null)
        {
            return Problems.NotFound("No such product in the catalog.");
        }

        var change = await carts.AddAsync(principal.GetUserId(), product, request.Quantity ?? CartItem.MinQuantity, cancellationToken);
        return change.Outcome switch
        {
            CartChange.SoldOut => Problems.Conflict("The product is sold out."),
            CartChange.TooManyLines => Problems.Conflict($"A cart holds at most {Cart.MaxLines} different products."),
            CartChange.LineQuantityExceeded => Problems.Conflict($"A cart holds at most {CartItem.MaxQuantity} of one product."),
            _ => Current(change.Cart, "Item added to cart"),
        };
    }

    public static async Task<Ok<Envelope<CartView>>> GetAsync(ClaimsPrincipal principal, CartStore carts, CancellationToken cancellationToken) =>
        Current(await carts.GetAsync(principal.GetUserId(), cancellationToken), null);

    public static async Task<Results<Ok<Envelope<CartView>>, ProblemHttpResult>> RemoveAsync(
        [FromBody] RemoveCartItemRequest request, ClaimsPrincipal principal, CartStore carts, CancellationToken cancellationToken)
    {
        var change = await carts.RemoveAsync(principal.GetUserId(), request.ProductId!.Value, cancellationToken);
        return change.Outcome == CartChange.ItemNotInCart
            ? Problems.NotFound("The product is not in the cart.")
            : Current(change.Cart, "Item removed from cart");
    }

    public static async Task<Ok<Envelope<CartView>>> ClearAsync(ClaimsPrincipal principal, CartStore carts, CancellationToken cancellationToken) =>
        Current(await carts.ClearAsync(principal.GetUserId(), cancellationToken), "Cart cleared");

    private static Ok<Envelope<CartView>> Current(CartSnapshot cart, string? message) => TypedResults.Ok(Envelope.Of(CartView.Of(cart), message));
}
