using MediaEdge.Diagnostics;
using MediaEdge.Origins;
using MediaEdge.Tenancy;
using MediaEdge.Tenancy.Usage;

namespace MediaEdge.Caching;

/// <summary>
/// Source bytes, kept briefly in L1 and a little longer in L2, and read once however many variants ask at the same time,
/// so ten sizes of one photo fetch it once.
/// </summary>
public sealed class SourceStore
{
    private readonly MemoryTier _memory;
    private readonly ISharedTier _shared;
    private readonly CacheOptions _cache;
    private readonly SourceLimits _limits;
    private readonly UsageMeter _usage;
    private readonly MediaEdgeMetrics _metrics;
    private readonly SingleFlight<(OriginObject Object, bool FromOrigin)> _reads = new();

    /// <summary>Source bytes kept <see cref="CacheOptions.SourceSeconds"/> in L1 and <see cref="RedisOptions.SourceSeconds"/> in L2.</summary>
    public SourceStore(MemoryTier memory, ISharedTier shared, CacheOptions cache, SourceLimits limits, MediaEdgeMetrics metrics, UsageMeter usage)
    {
        _memory = memory;
        _shared = shared;
        _cache = cache;
        _limits = limits;
        _metrics = metrics;
        _usage = usage;
    }

    /// <returns>The object, and whether this call read it from the origin (as opposed to a cache or a shared read).</returns>
    public async Task<(OriginObject Object, bool FromOrigin)> GetAsync(string source, IOrigin origin, string key, OriginObjectInfo info)
    {
        var cacheKey = CacheNamespace.SourceBytes(CacheKey.ForSource(source, key, info.Validator));
        if (_memory.TryGet<OriginObject>(cacheKey, out var cached) && cached is not null)
        {
            return (cached, false);
        }

        var (read, joined) = await _reads.RunAsync(cacheKey.Group, async () =>
        {
            // A read that ended between our L1 miss and joining has left its bytes in L1.
            if (_memory.TryGet<OriginObject>(cacheKey, out var landed) && landed is not null)
            {
                return (landed, false);
            }

            if (await _shared.GetAsync<OriginObjectInfo>(cacheKey).ConfigureAwait(false) is { } entry)
            {
                var stored = new OriginObject(entry.Header, entry.Body);
                Remember(cacheKey, stored);
                return (stored, false);
            }

            using var span = MediaEdgeTracing.Source.StartActivity("origin");
            span?.SetTag("mediaedge.source", source);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var obj = await origin.ReadAsync(key, _limits.For(source).MaxSourceBytes, CancellationToken.None).ConfigureAwait(false);
            _metrics.OriginRead(source, obj.Bytes.Length);
            _usage.OriginRead(source, obj.Bytes.Length);
            _metrics.OriginDuration(source, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            span?.SetTag("mediaedge.bytes", obj.Bytes.Length);
            Remember(cacheKey, obj);
            if (_cache.Redis.SourceSeconds > 0)
            {
                await _shared.SetAsync(cacheKey, obj.Info, obj.Bytes, TimeSpan.FromSeconds(_cache.Redis.SourceSeconds)).ConfigureAwait(false);
            }

            return (obj, true);
        }).ConfigureAwait(false);
        return (read.Object, read.FromOrigin && !joined);
    }

    private void Remember(EntryKey cacheKey, OriginObject obj)
    {
        if (_cache.SourceSeconds > 0)
        {
            _memory.Set(cacheKey, obj, obj.Bytes.Length, TimeSpan.FromSeconds(_cache.SourceSeconds));
        }
    }
}
