namespace Marketplace.Bench.LoadGenerator.Checks;

/// <summary>One invariant checked against the databases after the checkout benchmark.</summary>
public sealed record InvariantCheck(string Name, bool Passed, string Detail);
