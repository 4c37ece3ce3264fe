using System.Security.Cryptography;
using System.Text;

namespace MediaEdge.Caching;

/// <summary>The cache key of a variant: a hash of everything its bytes depend on, and nothing they do not (no raw headers, no unknown parameters).</summary>
public static class CacheKey
{
    public static string ForVariant(string source, string key, string validator, string canonicalSpec, string engine, string engineVersion)
    {
        var text = string.Join('\n', "v1", source, key, validator, canonicalSpec, engine, engineVersion);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static string ForSource(string source, string key, string validator) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', source, key, validator))));

    /// <summary>A strong ETag from the bytes themselves.</summary>
    public static string ETagOf(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return "\"" + Convert.ToBase64String(hash[..18]).Replace('+', '-').Replace('/', '_') + "\"";
    }
}
