using System.Collections.Concurrent;
using Marketplace.BuildingBlocks.Hosting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Marketplace.BuildingBlocks.Caching;

/// <summary>
/// The output cache's responses, in memory, bounded by <see cref="OutputCacheOptions.SizeLimit"/> bytes. ASP.NET Core's
/// own in-memory store only looks for expired responses while something reads or writes the cache, so a service that
/// went quiet after a busy spell kept every response of it (10,000 product reads held 15 MB of the product service's
/// heap). This one lets the <see cref="IdleMemoryTrimmer"/> drop the expired responses of an idle service.
/// </summary>
public sealed class InMemoryOutputCacheStore : IOutputCacheStore, IIdleMemoryRelease, IDisposable
{
    private readonly MemoryCache _responses;

    // A write evicts by tag: cancelling the tag's token expires every response stored with it at once, and a response
    // stored with a token already cancelled is never served.
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _tags = new(StringComparer.Ordinal);

    public InMemoryOutputCacheStore(IOptions<OutputCacheOptions> options)
    {
        _responses = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimit, TrackStatistics = true });
    }

    /// <summary>The bytes of the responses held, expired or not.</summary>
    public long Size => _responses.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_responses.Get<byte[]>(key));

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var entry = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = validFor, Size = value.Length };
        foreach (var tag in tags ?? [])
        {
            entry.AddExpirationToken(new CancellationChangeToken(_tags.GetOrAdd(tag, _ => new CancellationTokenSource()).Token));
        }

        _responses.Set(key, value, entry);
        return ValueTask.CompletedTask;
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        // Not disposed: a writer may still be reading the token of the source it just took.
        if (_tags.TryRemove(tag, out var source))
        {
            source.Cancel();
        }

        return ValueTask.CompletedTask;
    }

    public long ReleaseIdleMemory()
    {
        var before = Size;
        // Compacting by nothing removes the expired entries only.
        _responses.Compact(0);
        return Math.Max(0, before - Size);
    }

    public void Dispose() => _responses.Dispose();
}
