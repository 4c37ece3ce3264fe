using MediaEdge.Imaging;

namespace MediaEdge.Caching;

/// <summary>Source states in L1 and L2, so that one node's look at the origin serves every node until it goes stale.</summary>
public sealed class SourceStates
{
    private readonly MemoryTier _memory;
    private readonly RedisTier? _redis;
    private readonly TimeSpan _retention;

    public SourceStates(MemoryTier memory, RedisTier? redis, FreshnessPolicy freshness)
    {
        _memory = memory;
        _redis = redis;
        _retention = freshness.Retention;
    }

    public async Task<SourceState?> GetAsync(string id, SourceVersion version)
    {
        var key = L1Key(id, version.Version);
        if (_memory.TryGet<SourceState>(key, out var state) && state is not null)
        {
            return state;
        }

        if (_redis is null)
        {
            return null;
        }

        var bytes = await _redis.GetAsync(L2Key(id, version.Version)).ConfigureAwait(false);
        if (bytes is not null && EntryCodec.TryDecode<SourceState>(bytes, out var stored, out _) && stored is not null)
        {
            _memory.Set(key, stored, 256, _retention, version.Eviction);
            return stored;
        }

        return null;
    }

    /// <summary>The state this node holds in L1 (Redis is not asked), or null.</summary>
    public SourceState? Local(string id, SourceVersion version) =>
        _memory.TryGet<SourceState>(L1Key(id, version.Version), out var state) ? state : null;

    public async Task SetAsync(string id, SourceVersion version, SourceState state)
    {
        _memory.Set(L1Key(id, version.Version), state, 256, _retention, version.Eviction);
        if (_redis is not null)
        {
            await _redis.SetAsync(L2Key(id, version.Version), EntryCodec.Encode(state, []), _retention).ConfigureAwait(false);
        }
    }

    /// <summary>What the header of the bytes under <paramref name="validator"/> said; kept apart from the state, so writing it never races a revalidation.</summary>
    public async Task<SourceInfo?> GetImageAsync(string id, SourceVersion version, string validator)
    {
        var key = L1ImageKey(id, version.Version, validator);
        if (_memory.TryGet<SourceInfo>(key, out var image) && image is not null)
        {
            return image;
        }

        if (_redis is null)
        {
            return null;
        }

        var bytes = await _redis.GetAsync(L2ImageKey(id, version.Version, validator)).ConfigureAwait(false);
        if (bytes is not null && EntryCodec.TryDecode<SourceInfo>(bytes, out var stored, out _) && stored is not null)
        {
            _memory.Set(key, stored, 256, _retention, version.Eviction);
            return stored;
        }

        return null;
    }

    public async Task SetImageAsync(string id, SourceVersion version, string validator, SourceInfo image)
    {
        _memory.Set(L1ImageKey(id, version.Version, validator), image, 256, _retention, version.Eviction);
        if (_redis is not null)
        {
            await _redis.SetAsync(L2ImageKey(id, version.Version, validator), EntryCodec.Encode(image, []), _retention).ConfigureAwait(false);
        }
    }

    private static string L1Key(string id, long version) => $"state:{id}:{version}";

    private static string L1ImageKey(string id, long version, string validator) => $"image:{id}:{version}:{validator}";

    private string L2ImageKey(string id, long version, string validator) => _redis!.Key("s:" + id, "image:" + version + ":" + validator);

    private string L2Key(string id, long version) => _redis!.Key("s:" + id, "state:" + version);
}
