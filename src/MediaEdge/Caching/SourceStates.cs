using MediaEdge.Imaging;

namespace MediaEdge.Caching;

/// <summary>Source states in L1 and L2, so that one node's look at the origin serves every node until it goes stale.</summary>
public sealed class SourceStates
{
    private readonly MemoryTier _memory;
    private readonly ISharedTier _shared;
    private readonly TimeSpan _retention;

    /// <summary>States kept for the longest freshness window.</summary>
    public SourceStates(MemoryTier memory, ISharedTier shared, FreshnessPolicy freshness)
    {
        _memory = memory;
        _shared = shared;
        _retention = freshness.Retention;
    }

    /// <summary>The state of source object <paramref name="id"/> at its current version, from L1 or else L2; null where neither holds it.</summary>
    public Task<SourceState?> GetAsync(string id, SourceVersion version) =>
        GetAsync<SourceState>(CacheNamespace.SourceState(id, version.Version), version);

    /// <summary>The state this node holds in L1 (Redis is not asked), or null.</summary>
    public SourceState? Local(string id, SourceVersion version) =>
        _memory.TryGet<SourceState>(CacheNamespace.SourceState(id, version.Version), out var state) ? state : null;

    /// <summary>Keeps <paramref name="state"/> in L1 and L2.</summary>
    public Task SetAsync(string id, SourceVersion version, SourceState state) =>
        SetAsync(CacheNamespace.SourceState(id, version.Version), version, state);

    /// <summary>What the header of the bytes under <paramref name="validator"/> said; kept apart from the state, so writing it never races a revalidation.</summary>
    public Task<SourceInfo?> GetImageAsync(string id, SourceVersion version, string validator) =>
        GetAsync<SourceInfo>(CacheNamespace.SourceHeader(id, version.Version, validator), version);

    /// <summary>Keeps what the header of the bytes under <paramref name="validator"/> said, in L1 and L2.</summary>
    public Task SetImageAsync(string id, SourceVersion version, string validator, SourceInfo image) =>
        SetAsync(CacheNamespace.SourceHeader(id, version.Version, validator), version, image);

    private async Task<T?> GetAsync<T>(EntryKey key, SourceVersion version)
        where T : class
    {
        if (_memory.TryGet<T>(key, out var held) && held is not null)
        {
            return held;
        }

        if (await _shared.GetAsync<T>(key).ConfigureAwait(false) is { } stored)
        {
            _memory.Set(key, stored.Header, 256, _retention, version.Eviction);
            return stored.Header;
        }

        return null;
    }

    private async Task SetAsync<T>(EntryKey key, SourceVersion version, T value)
        where T : class
    {
        _memory.Set(key, value, 256, _retention, version.Eviction);
        await _shared.SetAsync(key, value, ReadOnlyMemory<byte>.Empty, _retention).ConfigureAwait(false);
    }
}
