namespace Marketplace.Bench.LoadGenerator.Load;

/// <summary>How one request ended: as hoped, refused for a reason the scenario expects (sold out), or an error.</summary>
public enum Outcome
{
    Success,
    Rejected,
    Error,
}

/// <summary>Which status codes count as what, for one kind of request.</summary>
public sealed record Expectation(int[] Success, int[] Rejected)
{
    public static readonly Expectation Ok = new([200], []);

    public Outcome Classify(int status) =>
        Success.Contains(status) ? Outcome.Success : Rejected.Contains(status) ? Outcome.Rejected : Outcome.Error;
}
