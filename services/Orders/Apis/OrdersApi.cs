using System.Security.Claims;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Orders.Apis.Requests;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;
using Marketplace.Orders.Ordering;
using Marketplace.Orders.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Apis;

public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders");
        orders.MapGet("/", ListOwnAsync).WithValidation<OrderPageQuery>().RequireAuthorization(Policies.User);
        orders.MapGet("/admin", ListAllAsync).WithValidation<AdminOrderQuery>().RequireAuthorization(Policies.Admin);
        orders.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Callers.UserOrServicePolicy);
        orders.MapPost("/", CreateAsync).WithValidation<CreateOrderRequest>().RequireAuthorization(Policies.Internal);
        return app;
    }

    public static async Task<Ok<PagedEnvelope<OrderView>>> ListOwnAsync(
        [AsParameters] OrderPageQuery query, ClaimsPrincipal principal, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        return await PageAsync(db.Orders.Where(o => o.UserId == userId), query, cancellationToken);
    }

    public static async Task<Ok<PagedEnvelope<OrderView>>> ListAllAsync(
        [AsParameters] AdminOrderQuery query, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var orders = db.Orders.AsQueryable();
        if (query.StatusFilter is { } status)
        {
            orders = orders.Where(o => o.Status == status);
        }

        // PostgreSQL's timestamptz takes UTC only; a bound given in another time zone is the same instant in UTC.
        if (query.From?.ToUniversalTime() is { } from)
        {
            orders = orders.Where(o => o.CreatedAt >= from);
        }

        if (query.To?.ToUniversalTime() is { } to)
        {
            orders = orders.Where(o => o.CreatedAt <= to);
        }

        return await PageAsync(orders, query.Paging, cancellationToken);
    }

    public static async Task<Results<Ok<Envelope<OrderView>>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal principal, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Items).Include(o => o.ShippingAddress)
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        return order is not null && principal.MaySee(order)
            ? TypedResults.Ok(Envelope.Of(OrderView.Of(order)))
            : NotFound();
    }

    public static async Task<Results<Created<Envelope<OrderView>>, Ok<Envelope<OrderView>>, ProblemHttpResult>> CreateAsync(
        CreateOrderRequest request, OrderPlacement placement, CancellationToken cancellationToken)
    {
        var draft = new OrderDraft(request.CheckoutId!.Value, request.UserId!.Value, request.ShippingAddress!.ToAddress());
        var placed = await placement.PlaceAsync(draft, cancellationToken);
        return placed.Outcome switch
        {
            PlacementOutcome.Created => TypedResults.Created($"/api/orders/{placed.Order!.Id}", Envelope.Of(OrderView.Of(placed.Order), "Order created")),
            PlacementOutcome.AlreadyPlaced => TypedResults.Ok(Envelope.Of(OrderView.Of(placed.Order!), "Order already created for this checkout")),
            PlacementOutcome.EmptyCart => Problems.BadRequest("The cart is empty."),
            PlacementOutcome.ProductsUnavailable => Problems.Conflict(
                "Some products in the cart are no longer in the catalog.", new Dictionary<string, object?> { ["productIds"] = placed.UnavailableProductIds }),
            PlacementOutcome.CheckoutAbandoned => Problems.Conflict("This checkout was abandoned; it can no longer create an order."),
            _ => Problems.Conflict("This checkout id belongs to another user's order."),
        };
    }

    public static ProblemHttpResult NotFound() => Problems.NotFound("No such order.");

    private static async Task<Ok<PagedEnvelope<OrderView>>> PageAsync(IQueryable<Order> orders, OrderPageQuery query, CancellationToken cancellationToken)
    {
        var total = await orders.LongCountAsync(cancellationToken);
        var page = await orders.AsNoTracking().OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip((query.PageNumber - 1) * query.PageSize).Take(query.PageSize)
            .Include(o => o.Items).Include(o => o.ShippingAddress).AsSplitQuery()
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Envelope.Page(page.Select(OrderView.Of).ToList(), Pagination.Of(query.PageNumber, query.PageSize, total)));
    }
}
