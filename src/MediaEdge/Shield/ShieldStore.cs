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
public sealed class ShieldStore(MemoryTier memory, ISharedTier shared, FreshnessPolicy freshness)
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

    /// <summary>The response stored under <paramref name="variant"/>, and the tier that held it (hit-l1, hit-l2), or null and miss.</summary>
    public async Task<(StoredResponse? Stored, string Tier)> GetAsync(string variant, SourceVersion version)
    {
        var key = CacheNamespace.ShieldResponse(variant);
        if (memory.TryGet<StoredResponse>(key, out var hit) && hit is not null)
        {
            return (hit, "hit-l1");
        }

        if (await shared.GetAsync<ResponseHead>(key).ConfigureAwait(false) is { } entry)
        {
            var stored = new StoredResponse(entry.Header, entry.Body);
            memory.Set(key, stored, entry.Body.Length, _retention, version.Eviction);
            return (stored, "hit-l2");
        }

        return (null, "miss");
    }

    /// <summary>Keeps <paramref name="stored"/> under <paramref name="variant"/> in L1 and L2.</summary>
    public async Task SetAsync(string variant, SourceVersion version, StoredResponse stored)
    {
        var key = CacheNamespace.ShieldResponse(variant);
        memory.Set(key, stored, stored.Body.Length + 512, _retention, version.Eviction);
        await shared.SetAsync(key, stored.Head, stored.Body, _retention).ConfigureAwait(false);
    }

    /// <summary>Drops one stored variant (a newer response for it was not storable, RFC 9111 §4.4's spirit: never serve the older).</summary>
    public async Task RemoveAsync(string variant)
    {
        var key = CacheNamespace.ShieldResponse(variant);
        memory.Remove(key);
        await shared.RemoveAsync(key).ConfigureAwait(false);
    }

    /// <summary>The Vary names the origin gave for target <paramref name="id"/> at this version; none where it gave none or nothing is stored.</summary>
    public async Task<IReadOnlyList<string>> VaryNamesAsync(string id, SourceVersion version)
    {
        var key = CacheNamespace.ShieldVary(id, version.Version);
        if (memory.TryGet<string[]>(key, out var names) && names is not null)
        {
            return names;
        }

        if (await shared.GetAsync<string[]>(key).ConfigureAwait(false) is { } entry)
        {
            memory.Set(key, entry.Header, 64, _retention, version.Eviction);
            return entry.Header;
        }

        return [];
    }

    /// <summary>Keeps the Vary names of target <paramref name="id"/> at this version, in L1 and L2.</summary>
    public async Task SetVaryNamesAsync(string id, SourceVersion version, IReadOnlyList<string> names)
    {
        var key = CacheNamespace.ShieldVary(id, version.Version);
        var array = names.ToArray();
        memory.Set(key, array, 64, _retention, version.Eviction);
        await shared.SetAsync(key, array, ReadOnlyMemory<byte>.Empty, _retention).ConfigureAwait(false);
    }
}
