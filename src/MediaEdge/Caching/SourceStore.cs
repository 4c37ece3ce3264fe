using MediaEdge.Diagnostics;
using MediaEdge.Limits;
using MediaEdge.Origins;

namespace MediaEdge.Caching;

/// <summary>
/// Source bytes, kept briefly in L1 and a little longer in L2, and read once however many variants ask at the same time,
/// so ten sizes of one photo fetch it once.
/// </summary>
public sealed class SourceStore
{
    private readonly MemoryTier _memory;
    private readonly RedisTier? _redis;
    private readonly CacheOptions _cache;
    private readonly LimitsOptions _limits;
    private readonly MediaEdgeMetrics _metrics;
    private readonly SingleFlight<(OriginObject Object, bool FromOrigin)> _reads = new();

    public SourceStore(MemoryTier memory, RedisTier? redis, CacheOptions cache, LimitsOptions limits, MediaEdgeMetrics metrics)
    {
        _memory = memory;
        _redis = redis;
        _cache = cache;
        _limits = limits;
        _metrics = metrics;
    }

    /// <returns>The object, and whether this call read it from the origin (as opposed to a cache or a shared read).</returns>
    public async Task<(OriginObject Object, bool FromOrigin)> GetAsync(string source, IOrigin origin, string key, OriginObjectInfo info)
    {
        var cacheKey = CacheKey.ForSource(source, key, info.Validator);
        if (_memory.TryGet<OriginObject>(cacheKey, out var cached) && cached is not null)
        {
            return (cached, false);
        }

        var (read, shared) = await _reads.RunAsync(cacheKey, async () =>
        {
            // A read that ended between our L1 miss and joining has left its bytes in L1.
            if (_memory.TryGet<OriginObject>(cacheKey, out var landed) && landed is not null)
            {
                return (landed, false);
            }

            if (_redis is not null)
            {
                var bytes = await _redis.GetAsync(_redis.Key(cacheKey, "src")).ConfigureAwait(false);
                if (bytes is not null && EntryCodec.TryDecode<OriginObjectInfo>(bytes, out var storedInfo, out var body) && storedInfo is not null)
                {
                    var stored = new OriginObject(storedInfo, body);
                    Remember(cacheKey, stored);
                    return (stored, false);
                }
            }

            using var span = MediaEdgeTracing.Source.StartActivity("origin");
            span?.SetTag("mediaedge.source", source);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var obj = await origin.ReadAsync(key, _limits.MaxSourceBytes, CancellationToken.None).ConfigureAwait(false);
            _metrics.OriginRead(source, obj.Bytes.Length);
            _metrics.OriginDuration(source, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            span?.SetTag("mediaedge.bytes", obj.Bytes.Length);
            Remember(cacheKey, obj);
            if (_redis is not null && _redis.Options.SourceSeconds > 0)
            {
                await _redis.SetAsync(_redis.Key(cacheKey, "src"), EntryCodec.Encode(obj.Info, obj.Bytes.Span), TimeSpan.FromSeconds(_redis.Options.SourceSeconds)).ConfigureAwait(false);
            }

            return (obj, true);
        }).ConfigureAwait(false);
        return (read.Object, read.FromOrigin && !shared);
    }

    private void Remember(string cacheKey, OriginObject obj)
    {
        if (_cache.SourceSeconds > 0)
        {
            _memory.Set(cacheKey, obj, obj.Bytes.Length, TimeSpan.FromSeconds(_cache.SourceSeconds));
        }
    }
}
