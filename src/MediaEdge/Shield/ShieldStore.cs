using System.Security.Cryptography;
using System.Text;
using MediaEdge.Caching;
using MediaEdge.Origins;

namespace MediaEdge.Shield;

/// <summary>
/// Where the shared cache keeps responses: L1 memory, then Redis, under a key made of the target's id and version and,
/// where the origin named a Vary list, the presented request's values of those fields (RFC 9111 §4.1 secondary keys).
/// The Vary names of a target are kept beside it, so a lookup knows which request fields select its variant.
/// </summary>
public sealed class ShieldStore(MemoryTier memory, RedisTier? redis, FreshnessPolicy freshness)
{
    private readonly TimeSpan _retention = freshness.Retention;

    /// <summary>The secondary key: id, version, and each Vary field's normalised value (absent differs from empty, §4.1).</summary>
    public static string VariantOf(string id, long version, IReadOnlyList<string> varyNames, IReadOnlyList<HeaderField> request)
    {
        var text = new StringBuilder(id).Append('\n').Append(version);
        foreach (var name in varyNames.Select(n => n.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal))
        {
            var values = request.All(name);
            text.Append('\n').Append(name);
            if (values.Count > 0)
            {
                // §4.1: values may be normalised; whitespace around list commas and between lines carries no meaning.
                text.Append('=').Append(string.Join(",", FieldLines.Names(values)));
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public async Task<(StoredResponse? Stored, string Tier)> GetAsync(string variant, SourceVersion version)
    {
        if (memory.TryGet<StoredResponse>("o:" + variant, out var hit) && hit is not null)
        {
            return (hit, "hit-l1");
        }

        if (redis is not null && await redis.GetAsync(redis.Key(variant, "o")).ConfigureAwait(false) is { } bytes
            && EntryCodec.TryDecode<ResponseHead>(bytes, out var head, out var body) && head is not null)
        {
            var stored = new StoredResponse(head, body);
            memory.Set("o:" + variant, stored, body.Length, _retention, version.Eviction);
            return (stored, "hit-l2");
        }

        return (null, "miss");
    }

    public async Task SetAsync(string variant, SourceVersion version, StoredResponse stored)
    {
        memory.Set("o:" + variant, stored, stored.Body.Length + 512, _retention, version.Eviction);
        if (redis is not null)
        {
            await redis.SetAsync(redis.Key(variant, "o"), EntryCodec.Encode(stored.Head, stored.Body.Span), _retention).ConfigureAwait(false);
        }
    }

    /// <summary>Drops one stored variant (a newer response for it was not storable, RFC 9111 §4.4's spirit: never serve the older).</summary>
    public async Task RemoveAsync(string variant)
    {
        memory.Remove("o:" + variant);
        if (redis is not null)
        {
            await redis.RemoveAsync(redis.Key(variant, "o")).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<string>> VaryNamesAsync(string id, SourceVersion version)
    {
        var l1 = $"ovary:{id}:{version.Version}";
        if (memory.TryGet<string[]>(l1, out var names) && names is not null)
        {
            return names;
        }

        if (redis is not null && await redis.GetAsync(redis.Key("s:" + id, "ovary:" + version.Version)).ConfigureAwait(false) is { } bytes
            && EntryCodec.TryDecode<string[]>(bytes, out var stored, out _) && stored is not null)
        {
            memory.Set(l1, stored, 64, _retention, version.Eviction);
            return stored;
        }

        return [];
    }

    public async Task SetVaryNamesAsync(string id, SourceVersion version, IReadOnlyList<string> names)
    {
        var array = names.ToArray();
        memory.Set($"ovary:{id}:{version.Version}", array, 64, _retention, version.Eviction);
        if (redis is not null)
        {
            await redis.SetAsync(redis.Key("s:" + id, "ovary:" + version.Version), EntryCodec.Encode(array, []), _retention).ConfigureAwait(false);
        }
    }
}
