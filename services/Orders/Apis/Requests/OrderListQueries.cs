using FluentValidation;
using Marketplace.BuildingBlocks.Http;
using Marketplace.Orders.Domain;

namespace Marketplace.Orders.Apis.Requests;

public sealed record OrderPageQuery(int? Page, int? Limit)
{
    public int PageNumber => Page ?? 1;
    public int PageSize => Limit ?? PagingRules.DefaultLimit;
}

public sealed class OrderPageQueryValidator : AbstractValidator<OrderPageQuery>
{
    public OrderPageQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.Limit).ValidLimit();
    }
}

/// <summary>The admin's filters: a status, and creation time from/to (both inclusive).</summary>
public sealed record AdminOrderQuery(int? Page, int? Limit, string? Status, DateTimeOffset? From, DateTimeOffset? To)
{
    public OrderPageQuery Paging => new(Page, Limit);

    public OrderStatus? StatusFilter => OrderStatusNames.Parse(Status);
}

public sealed class AdminOrderQueryValidator : AbstractValidator<AdminOrderQuery>
{
    public AdminOrderQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Status).Must(status => OrderStatusNames.Parse(status) is not null).When(q => q.Status is not null)
            .WithMessage("Status must be one of Pending, Confirmed, Shipped, Delivered, Cancelled.");
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("To must not be before from.");
    }
}

internal static class PagingRules
{
    public const int DefaultLimit = 20;

    public static IRuleBuilderOptions<T, int?> ValidPage<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, Pagination.MaxPage).WithMessage(Pagination.PageOutOfRange);

    public static IRuleBuilderOptions<T, int?> ValidLimit<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, Pagination.MaxLimit).WithMessage(Pagination.LimitOutOfRange);
}
