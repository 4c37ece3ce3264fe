using MediaEdge.Diagnostics;
using MediaEdge.Limits;
using MediaEdge.Origins;

namespace MediaEdge.Caching;

/// <summary>Source bytes, kept briefly in L1 and read once however many variants ask at the same time.</summary>
public sealed class SourceStore
{
    private readonly MemoryTier _memory;
    private readonly CacheOptions _cache;
    private readonly LimitsOptions _limits;
    private readonly MediaEdgeMetrics _metrics;
    private readonly SingleFlight<OriginObject> _reads = new();

    public SourceStore(MemoryTier memory, CacheOptions cache, LimitsOptions limits, MediaEdgeMetrics metrics)
    {
        _memory = memory;
        _cache = cache;
        _limits = limits;
        _metrics = metrics;
    }

    /// <returns>The object, and whether this call read it from the origin (as opposed to memory or a shared read).</returns>
    public async Task<(OriginObject Object, bool FromOrigin)> GetAsync(string source, IOrigin origin, string key, OriginObjectInfo info)
    {
        var cacheKey = CacheKey.ForSource(source, key, info.Validator);
        if (_memory.TryGet<OriginObject>(cacheKey, out var cached) && cached is not null)
        {
            return (cached, false);
        }

        var (read, shared) = await _reads.RunAsync(cacheKey, async () =>
        {
            var obj = await origin.ReadAsync(key, _limits.MaxSourceBytes, CancellationToken.None).ConfigureAwait(false);
            _metrics.OriginRead(source, obj.Bytes.Length);
            if (_cache.SourceSeconds > 0)
            {
                _memory.Set(CacheKey.ForSource(source, key, obj.Info.Validator), obj, obj.Bytes.Length, TimeSpan.FromSeconds(_cache.SourceSeconds));
            }

            return obj;
        }).ConfigureAwait(false);
        return (read, !shared);
    }
}
