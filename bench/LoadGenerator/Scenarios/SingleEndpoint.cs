using Marketplace.Bench.LoadGenerator.Load;

namespace Marketplace.Bench.LoadGenerator.Scenarios;

/// <summary>One request kind, over and over: the floor, a product by id, a page of a category.</summary>
public sealed class SingleEndpoint(string name, string title, Func<VirtualUser, Task<int>> send) : IScenario
{
    public string Name { get; } = name;

    public string Title { get; } = title;

    public string Kind => "endpoint";

    public Task StepAsync(VirtualUser user) => send(user);
}
