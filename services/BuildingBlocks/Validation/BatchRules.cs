using FluentValidation;

namespace Marketplace.BuildingBlocks.Validation;

public static class BatchRules
{
    /// <summary>The items of a batch route: given, and 1 to <paramref name="max"/> of them, one message for both.</summary>
    public static IRuleBuilderOptions<T, List<TItem>?> OneTo<T, TItem>(this IRuleBuilder<T, List<TItem>?> rule, int max, string items)
    {
        var message = $"Give 1 to {max} {items}.";
        return rule.NotNull().WithMessage(message)
            .Must(list => list is null || (list.Count > 0 && list.Count <= max)).WithMessage(message);
    }
}
