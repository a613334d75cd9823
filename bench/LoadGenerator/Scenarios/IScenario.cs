using Marketplace.Bench.LoadGenerator.Load;

namespace Marketplace.Bench.LoadGenerator.Scenarios;

/// <summary>What one virtual user does in one turn of its loop (one request or a few).</summary>
public interface IScenario
{
    string Name { get; }

    string Title { get; }

    string Kind { get; }

    Task StepAsync(VirtualUser user);
}
