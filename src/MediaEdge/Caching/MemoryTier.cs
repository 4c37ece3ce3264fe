using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace MediaEdge.Caching;

/// <summary>L1: process memory, bounded in bytes (each entry's size is its byte count), keyed by <see cref="CacheNamespace"/>'s names.</summary>
public sealed class MemoryTier : IDisposable
{
    private const int EntryOverhead = 256;
    private readonly MemoryCache _cache;

    /// <summary>An empty L1 of <see cref="CacheOptions.MemoryBytes"/>.</summary>
    public MemoryTier(CacheOptions options, TimeProvider time)
    {
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.MemoryBytes, TrackStatistics = true });
        Time = time;
    }

    /// <summary>The clock entries expire by.</summary>
    public TimeProvider Time { get; }

    /// <summary>Hits, misses, entries and bytes held.</summary>
    public MemoryCacheStatistics? Statistics => _cache.GetCurrentStatistics();

    /// <summary>The entry under <paramref name="key"/>, where it is held and is a <typeparamref name="T"/>.</summary>
    public bool TryGet<T>(EntryKey key, out T? value)
        where T : class => _cache.TryGetValue(key, out value);

    /// <summary>Holds <paramref name="value"/> for <paramref name="lifetime"/>, or until <paramref name="eviction"/> fires or room is needed.</summary>
    public void Set<T>(EntryKey key, T value, long bytes, TimeSpan lifetime, IChangeToken? eviction = null)
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

    /// <summary>Drops the entry under <paramref name="key"/>.</summary>
    public void Remove(EntryKey key) => _cache.Remove(key);

    /// <summary>Drops every entry.</summary>
    public void Dispose() => _cache.Dispose();
}
