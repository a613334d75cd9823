using FluentValidation;

namespace Marketplace.BuildingBlocks.Validation;

public static class IdRules
{
    /// <summary>
    /// An id that must be given and must not be the all-zero id. FluentValidation's <c>NotEmpty</c> lets the empty
    /// GUID through on a nullable property, and EF Core takes an empty key for one not yet assigned.
    /// </summary>
    public static IRuleBuilderOptions<T, Guid?> RequiredId<T>(this IRuleBuilder<T, Guid?> rule, string name) =>
        rule.NotNull().WithMessage($"{name} is required.")
            .NotEqual(Guid.Empty).WithMessage($"{name} must not be the all-zero id.");
}
