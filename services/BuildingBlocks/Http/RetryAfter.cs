using System.Globalization;

namespace Marketplace.BuildingBlocks.Http;

/// <summary>The value of a <c>Retry-After</c> header.</summary>
public static class RetryAfter
{
    /// <summary>Whole seconds, rounded up, and at least one: a client told 0 would come straight back.</summary>
    public static string Seconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
