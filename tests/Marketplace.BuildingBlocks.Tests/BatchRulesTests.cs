using FluentValidation;
using Marketplace.BuildingBlocks.Validation;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class BatchRulesTests
{
    private sealed record ProbeBatch(List<int>? Items);

    private sealed class ProbeBatchValidator : AbstractValidator<ProbeBatch>
    {
        public ProbeBatchValidator() => RuleFor(batch => batch.Items).OneTo(3, "items");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_batch_of_one_to_the_most_is_valid(int count) =>
        Assert.True(new ProbeBatchValidator().Validate(new ProbeBatch([.. Enumerable.Range(0, count)])).IsValid);

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(4)]
    public void A_missing_empty_or_oversized_batch_gets_one_error_naming_the_bounds(int? count)
    {
        var result = new ProbeBatchValidator().Validate(new ProbeBatch(count is { } items ? [.. Enumerable.Range(0, items)] : null));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Items", "Give 1 to 3 items."), (error.PropertyName, error.ErrorMessage));
    }
}
