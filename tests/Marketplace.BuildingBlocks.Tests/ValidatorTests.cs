using FluentValidation;
using Marketplace.BuildingBlocks.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.BuildingBlocks.Tests;

public sealed record ProbeOrder(string? Reference);

public sealed class ProbeOrderValidator : AbstractValidator<ProbeOrder>
{
    public ProbeOrderValidator() => RuleFor(order => order.Reference).NotEmpty().WithMessage("A reference is required.");
}

public sealed class ValidatorTests
{
    [Fact]
    public async Task A_service_builds_each_validator_once_and_every_request_shares_it()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.AddServiceDefaults("probe");
        await using var app = builder.Build();

        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var validator = first.ServiceProvider.GetRequiredService<IValidator<ProbeOrder>>();

        Assert.Same(validator, second.ServiceProvider.GetRequiredService<IValidator<ProbeOrder>>());
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            validator.ValidateAsync(new ProbeOrder(i % 2 == 0 ? null : $"order-{i}"), TestContext.Current.CancellationToken)));
        Assert.Equal(8, results.Count(result => !result.IsValid));
        Assert.All(results.Where(result => !result.IsValid), result => Assert.Equal("A reference is required.", Assert.Single(result.Errors).ErrorMessage));
    }
}
