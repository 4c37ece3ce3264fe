using System.Security.Cryptography;
using System.Text;
using MediaEdge.Caching;
using MediaEdge.Origins;

namespace MediaEdge.Requests;

/// <summary>
/// The /o/ route: an RFC 9111 shared cache in front of the origins. The origin's Cache-Control, Expires and Vary decide
/// what is stored and for how long (the configured windows apply where it says nothing); stale copies are revalidated
/// with the stored validators, and a 304 refreshes the stored headers. Originals over Cache:MaxOriginalBytes, or with
/// an unknown length, are streamed through without being buffered whole.
/// </summary>
public sealed class OriginalService
{
    private readonly OriginRegistry _origins;
    private readonly SourceVersions _versions;
    private readonly MemoryTier _memory;
    private readonly RedisTier? _redis;
    private readonly SharedCachePolicy _policy;
    private readonly CacheOptions _cache;
    private readonly TimeProvider _time;
    private readonly SingleFlight<StoredOriginal?> _fetches = new();
    private readonly TimeSpan _retention;

    public OriginalService(OriginRegistry origins, SourceVersions versions, MemoryTier memory, RedisTier? redis, SharedCachePolicy policy, FreshnessPolicy freshness, CacheOptions cache, TimeProvider time)
    {
        _origins = origins;
        _versions = versions;
        _memory = memory;
        _redis = redis;
        _policy = policy;
        _cache = cache;
        _time = time;
        _retention = freshness.Retention;
    }

    public async Task<OriginalResult> GetAsync(OriginalRequest request, CancellationToken cancellationToken)
    {
        var key = ObjectKey.Validate(request.Key);
        var origin = _origins.Get(request.Source);
        var id = SourceVersions.IdOf(request.Source, key);
        var version = await _versions.GetAsync(id).ConfigureAwait(false);
        var varyNames = await ReadVaryAsync(id, version).ConfigureAwait(false);
        var variant = VariantOf(id, version.Version, varyNames, request.Headers);

        var (stored, tier) = await LookupAsync(variant, version).ConfigureAwait(false);
        if (stored is not null && (!request.HasAuthorization || SharedCachePolicy.Unstorable(stored.Info.CacheHeaders, requestHadAuthorization: true) is null))
        {
            var now = _time.GetUtcNow();
            var age = SharedCachePolicy.CurrentAge(stored.Info, stored.StoredAt, now);
            // no-cache: never fresh, so neither served stale while revalidating nor on an origin error (RFC 9111 5.2.2.4).
            var lifetime = SharedCachePolicy.AlwaysRevalidate(stored.Info) ? TimeSpan.Zero : _policy.FreshnessLifetime(stored.Info);
            if (age < lifetime)
            {
                return new OriginalResult(stored.Info, stored, null, age, tier);
            }

            if (age < lifetime + _policy.StaleWhileRevalidate(stored.Info))
            {
                _ = Task.Run(() => RevalidateQuietlyAsync(request, origin, key, id, version, variant, stored));
                return new OriginalResult(stored.Info, stored, null, age, "stale");
            }

            try
            {
                var refreshed = await RevalidateAsync(request, origin, key, id, version, variant, stored, cancellationToken).ConfigureAwait(false);
                if (refreshed.Stored is not null || refreshed.Stream is not null)
                {
                    return refreshed;
                }
            }
            catch (ProblemException e) when (e.Status >= 500 && age < lifetime + _policy.StaleIfError(stored.Info))
            {
                return new OriginalResult(stored.Info, stored, null, age, "stale");
            }
        }

        return await FetchAsync(request, origin, key, id, version, variant, cancellationToken).ConfigureAwait(false);
    }

    private static string VariantOf(string id, long version, IReadOnlyList<string> varyNames, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var text = new StringBuilder(id).Append('\n').Append(version);
        foreach (var name in varyNames.Order(StringComparer.OrdinalIgnoreCase))
        {
            var value = string.Join(",", headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value.Trim()));
            text.Append('\n').Append(name.ToLowerInvariant()).Append('=').Append(value);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private async Task<OriginalResult> RevalidateAsync(OriginalRequest request, IOrigin origin, string key, string id, SourceVersion version, string variant, StoredOriginal stored, CancellationToken cancellationToken)
    {
        var stream = await origin.OpenAsync(key, new OriginRequest(stored.Info, request.Headers), cancellationToken).ConfigureAwait(false);
        if (!stream.NotModified)
        {
            return await AdoptAsync(request, stream, id, version, variant).ConfigureAwait(false);
        }

        await stream.DisposeAsync().ConfigureAwait(false);

        // RFC 9111 4.3.4: the 304's headers replace the stored ones; the body stays.
        var refreshed = stored with { Info = stored.Info with { CacheHeaders = stream.Info.CacheHeaders }, StoredAt = _time.GetUtcNow() };
        await StoreAsync(id, version, variant, refreshed).ConfigureAwait(false);
        return new OriginalResult(refreshed.Info, refreshed, null, SharedCachePolicy.CurrentAge(refreshed.Info, refreshed.StoredAt, refreshed.StoredAt), "revalidated");
    }

    private async Task RevalidateQuietlyAsync(OriginalRequest request, IOrigin origin, string key, string id, SourceVersion version, string variant, StoredOriginal stored)
    {
        try
        {
            await using var result = await RevalidateAsync(request, origin, key, id, version, variant, stored, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The stale copy stays; a later request past the window revalidates in the foreground.
        }
    }

    private async Task<OriginalResult> FetchAsync(OriginalRequest request, IOrigin origin, string key, string id, SourceVersion version, string variant, CancellationToken cancellationToken)
    {
        OriginStream? mine = null;
        var (stored, shared) = await _fetches.RunAsync(variant, async () =>
        {
            var stream = await origin.OpenAsync(key, new OriginRequest(null, request.Headers), CancellationToken.None).ConfigureAwait(false);
            var adopted = await AdoptAsync(request, stream, id, version, variant).ConfigureAwait(false);
            mine = adopted.Stream;
            return adopted.Stored;
        }).ConfigureAwait(false);

        if (stored is not null)
        {
            return new OriginalResult(stored.Info, stored, null, SharedCachePolicy.CurrentAge(stored.Info, stored.StoredAt, _time.GetUtcNow()), "miss");
        }

        if (!shared && mine is not null)
        {
            return new OriginalResult(mine.Info, null, mine, TimeSpan.Zero, "pass");
        }

        // Another request's fetch was not storable, and its stream is its own: fetch ours.
        var own = await origin.OpenAsync(key, new OriginRequest(null, request.Headers), cancellationToken).ConfigureAwait(false);
        return await AdoptAsync(request, own, id, version, variant).ConfigureAwait(false);
    }

    /// <summary>Stores a fresh response where RFC 9111 and the size limit allow, else hands its stream on.</summary>
    private async Task<OriginalResult> AdoptAsync(OriginalRequest request, OriginStream stream, string id, SourceVersion version, string variant)
    {
        var info = stream.Info;
        if (SharedCachePolicy.Unstorable(info.CacheHeaders, request.HasAuthorization) is not null || info.Length < 0 || info.Length > _cache.MaxOriginalBytes)
        {
            return new OriginalResult(info, null, stream, TimeSpan.Zero, "pass");
        }

        byte[] body;
        await using (stream)
        {
            body = new byte[info.Length];
            await stream.Body.ReadExactlyAsync(body).ConfigureAwait(false);
        }

        var stored = new StoredOriginal(info, _time.GetUtcNow(), body);
        var names = SharedCachePolicy.VaryNames(info.CacheHeaders.Vary);
        var storedVariant = names.Count == 0 ? variant : VariantOf(id, version.Version, names, request.Headers);
        await WriteVaryAsync(id, version, names).ConfigureAwait(false);
        await StoreAsync(id, version, storedVariant, stored).ConfigureAwait(false);
        return new OriginalResult(info, stored, null, SharedCachePolicy.CurrentAge(info, stored.StoredAt, stored.StoredAt), "miss");
    }

    private async Task<(StoredOriginal? Stored, string Tier)> LookupAsync(string variant, SourceVersion version)
    {
        if (_memory.TryGet<StoredOriginal>("o:" + variant, out var hit) && hit is not null)
        {
            return (hit, "hit-l1");
        }

        if (_redis is null)
        {
            return (null, "miss");
        }

        var bytes = await _redis.GetAsync(_redis.Key(variant, "o")).ConfigureAwait(false);
        if (bytes is not null && EntryCodec.TryDecode<StoredHeader>(bytes, out var header, out var body) && header is not null)
        {
            var stored = new StoredOriginal(header.Info, header.StoredAt, body);
            _memory.Set("o:" + variant, stored, body.Length, _retention, version.Eviction);
            return (stored, "hit-l2");
        }

        return (null, "miss");
    }

    private async Task StoreAsync(string id, SourceVersion version, string variant, StoredOriginal stored)
    {
        _memory.Set("o:" + variant, stored, stored.Body.Length, _retention, version.Eviction);
        if (_redis is not null)
        {
            await _redis.SetAsync(_redis.Key(variant, "o"), EntryCodec.Encode(new StoredHeader(stored.Info, stored.StoredAt), stored.Body.Span), _retention).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<string>> ReadVaryAsync(string id, SourceVersion version)
    {
        var l1 = $"ovary:{id}:{version.Version}";
        if (_memory.TryGet<string[]>(l1, out var names) && names is not null)
        {
            return names;
        }

        if (_redis is not null && await _redis.GetAsync(_redis.Key("s:" + id, "ovary:" + version.Version)).ConfigureAwait(false) is { } bytes
            && EntryCodec.TryDecode<string[]>(bytes, out var stored, out _) && stored is not null)
        {
            _memory.Set(l1, stored, 64, _retention, version.Eviction);
            return stored;
        }

        return [];
    }

    private async Task WriteVaryAsync(string id, SourceVersion version, IReadOnlyList<string> names)
    {
        var array = names.ToArray();
        _memory.Set($"ovary:{id}:{version.Version}", array, 64, _retention, version.Eviction);
        if (_redis is not null)
        {
            await _redis.SetAsync(_redis.Key("s:" + id, "ovary:" + version.Version), EntryCodec.Encode(array, []), _retention).ConfigureAwait(false);
        }
    }

    private sealed record StoredHeader(OriginObjectInfo Info, DateTimeOffset StoredAt);
}
