using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace MediaEdge.Caching;

/// <summary>L1: process memory, bounded in bytes (each entry's size is its byte count).</summary>
public sealed class MemoryTier : IDisposable
{
    private const int EntryOverhead = 256;
    private readonly MemoryCache _cache;

    public MemoryTier(CacheOptions options, TimeProvider time)
    {
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.MemoryBytes, TrackStatistics = true });
        Time = time;
    }

    public TimeProvider Time { get; }

    public MemoryCacheStatistics? Statistics => _cache.GetCurrentStatistics();

    public bool TryGet<T>(string key, out T? value)
        where T : class => _cache.TryGetValue(key, out value);

    public void Set<T>(string key, T value, long bytes, TimeSpan lifetime, IChangeToken? eviction = null)
        where T : class
    {
        using var entry = _cache.CreateEntry(key);
        entry.Value = value;
        if (eviction is not null)
        {
            entry.AddExpirationToken(eviction);
        }

        entry.Size = bytes + EntryOverhead;
        entry.AbsoluteExpirationRelativeToNow = lifetime;
    }

    public void Remove(string key) => _cache.Remove(key);

    public void Dispose() => _cache.Dispose();
}
