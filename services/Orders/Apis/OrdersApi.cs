using System.Security.Claims;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Orders.Apis.Requests;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Infrastructure;
using Marketplace.Orders.Ordering;
using Marketplace.Orders.Security;
using Microsoft.AspNetCore.Http.HttpResults;

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
        orders.MapPost("/batch", CreateBatchAsync).WithValidation<CreateOrderBatchRequest>().RequireAuthorization(Policies.Internal);
        return app;
    }

    public static async Task<Ok<PagedEnvelope<OrderView>>> ListOwnAsync(
        [AsParameters] OrderPageQuery query, ClaimsPrincipal principal, OrdersDbContext db, CancellationToken cancellationToken) =>
        await PageAsync(db, "user_id = @user_id", [("user_id", principal.GetUserId())], query, cancellationToken);

    public static async Task<Ok<PagedEnvelope<OrderView>>> ListAllAsync(
        [AsParameters] AdminOrderQuery query, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var conditions = new List<string> { "true" };
        var parameters = new List<(string Name, object? Value)>();
        if (query.StatusFilter is { } status)
        {
            conditions.Add("status = @status");
            parameters.Add(("status", status.ToString()));
        }

        // PostgreSQL's timestamptz takes UTC only; a bound given in another time zone is the same instant in UTC.
        if (query.From?.ToUniversalTime() is { } from)
        {
            conditions.Add("created_at >= @from");
            parameters.Add(("from", from));
        }

        if (query.To?.ToUniversalTime() is { } to)
        {
            conditions.Add("created_at <= @to");
            parameters.Add(("to", to));
        }

        return await PageAsync(db, string.Join(" AND ", conditions), [.. parameters], query.Paging, cancellationToken);
    }

    public static async Task<Results<Ok<Envelope<OrderView>>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal principal, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var order = (await db.ReadBatchAsync(OrderRows.Read("SELECT id FROM orders WHERE id = @id", ("id", id)), OrderRows.ReadAsync, cancellationToken))
            .SingleOrDefault();
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
            PlacementOutcome.EmptyCart => Problems.BadRequest(PlacementView.Problem(placed.Outcome)),
            PlacementOutcome.ProductsUnavailable => Problems.Conflict(
                PlacementView.Problem(placed.Outcome), new Dictionary<string, object?> { ["productIds"] = placed.UnavailableProductIds }),
            _ => Problems.Conflict(PlacementView.Problem(placed.Outcome)),
        };
    }

    /// <summary>Each order as <c>POST /api/orders</c> would answer it, in the order given; first placements share one transaction.</summary>
    public static async Task<Ok<Envelope<List<PlacementView>>>> CreateBatchAsync(
        CreateOrderBatchRequest request, OrderPlacement placement, CancellationToken cancellationToken)
    {
        var drafts = request.Orders!.Select(order => new OrderDraft(order.CheckoutId!.Value, order.UserId!.Value, order.ShippingAddress!.ToAddress())).ToList();
        var placed = await placement.PlaceAllAsync(drafts, cancellationToken);
        return TypedResults.Ok(Envelope.Of(drafts.Select(draft => PlacementView.Of(draft.CheckoutId, placed[draft.CheckoutId])).ToList()));
    }

    public static ProblemHttpResult NotFound() => Problems.NotFound("No such order.");

    /// <summary>A page of the orders matching <paramref name="condition"/>, newest first, and their count: one round trip.</summary>
    private static async Task<Ok<PagedEnvelope<OrderView>>> PageAsync(
        OrdersDbContext db, string condition, (string Name, object? Value)[] parameters, OrderPageQuery query, CancellationToken cancellationToken)
    {
        var count = SqlRows.Command($"SELECT count(*) FROM orders WHERE {condition}", parameters);
        var page = OrderRows.Read(
            $"SELECT id FROM orders WHERE {condition} ORDER BY created_at DESC, id DESC OFFSET @offset LIMIT @limit",
            [.. parameters, ("offset", (query.PageNumber - 1) * query.PageSize), ("limit", query.PageSize)]);
        var (total, orders) = await db.ReadPageAsync([count, .. page], OrderRows.ReadAsync, cancellationToken);
        return TypedResults.Ok(Envelope.Page(orders.Select(OrderView.Of).ToList(), Pagination.Of(query.PageNumber, query.PageSize, total)));
    }
}
