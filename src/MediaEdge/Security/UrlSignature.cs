using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MediaEdge.Origins;
using MediaEdge.Requests;

namespace MediaEdge.Security;

/// <summary>
/// Signed URLs: <c>s</c> is the last parameter and equals base64url(HMAC-SHA256(key, P)) without padding, where P is the
/// path and query exactly as sent, up to and not including <c>&amp;s=</c> (or <c>?s=</c>). Checked before any other work.
/// A source with <c>ImgixSecureToken</c> takes imgix's scheme (<see cref="ImgixSignature"/>) as well, and requires a signature.
/// A source with its own <c>SigningKeys</c> requires a signature made with one of them or of Security:SigningKeys; another
/// source's keys never match.
/// </summary>
public sealed class UrlSignature
{
    private readonly SecurityOptions _options;
    private readonly TimeProvider _time;
    private readonly byte[][] _keys;
    private readonly Dictionary<string, string> _imgixTokens;
    private readonly IReadOnlyDictionary<string, SourceOptions> _sources;
    private readonly Dictionary<string, byte[][]> _sourceKeys;

    /// <summary>Checks signatures under <paramref name="options"/>' keys and, per source, the sources' imgix tokens.</summary>
    public UrlSignature(SecurityOptions options, IReadOnlyDictionary<string, SourceOptions> sources, TimeProvider time)
    {
        _options = options;
        _time = time;
        _keys = options.SigningKeys.Select(k => Encoding.UTF8.GetBytes(k)).ToArray();
        _imgixTokens = sources.Where(s => !string.IsNullOrEmpty(s.Value.ImgixSecureToken)).ToDictionary(s => s.Key, s => s.Value.ImgixSecureToken!, StringComparer.Ordinal);
        _sourceKeys = sources.Where(s => s.Value.SigningKeys.Length > 0).ToDictionary(s => s.Key, s => s.Value.SigningKeys.Select(k => Encoding.UTF8.GetBytes(k)).ToArray(), StringComparer.Ordinal);
        _sources = sources;
    }

    /// <summary>Appends <c>s</c> to a path and query, signed with <paramref name="key"/>.</summary>
    public static string Sign(string pathAndQuery, string key)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(pathAndQuery));
        return pathAndQuery + (pathAndQuery.Contains('?') ? "&s=" : "?s=") + Base64Url(mac);
    }

    /// <summary>
    /// <paramref name="pathAndQuery"/> (as it will be sent) signed as a URL of <paramref name="source"/> is checked: with
    /// the source's imgix token where it has one, else the first of its own SigningKeys, else the first of
    /// Security:SigningKeys, else returned as it is. For
    /// URLs the server writes itself, such as an HLS playlist's links.
    /// </summary>
    public string SignLike(string pathAndQuery, string source) =>
        _imgixTokens.TryGetValue(source, out var token) ? ImgixSignature.Sign(pathAndQuery, token)
        : _sources.GetValueOrDefault(source)?.SigningKeys is [var own, ..] ? Sign(pathAndQuery, own)
        : _options.SigningKeys.Length > 0 ? Sign(pathAndQuery, _options.SigningKeys[0])
        : pathAndQuery;

    /// <summary>A raw query (with its <c>?</c>) without <c>s</c> where it is the last parameter, as a signature is; empty where nothing else remains.</summary>
    public static string WithoutSignature(string query)
    {
        var at = query.StartsWith("?s=", StringComparison.Ordinal) ? 0 : query.LastIndexOf("&s=", StringComparison.Ordinal);
        return at < 0 || query.IndexOf('&', at + 1) >= 0 ? query : at == 0 ? "" : query[..at];
    }

    /// <summary>Throws a 403 problem for a missing (when required), wrong or expired signature.</summary>
    /// <param name="rawTarget">The request target exactly as sent (path and query, still percent-encoded).</param>
    /// <param name="source">The source the request reads, whose imgix token (if it has one) signs it too and makes a signature required.</param>
    public void Verify(string rawTarget, string source)
    {
        var imgixToken = _imgixTokens.GetValueOrDefault(source);
        var sourceKeys = _sourceKeys.GetValueOrDefault(source);
        // Only the query is searched: a key may itself hold "&s=" (a file named a&s=b.jpg).
        var query = rawTarget.IndexOf('?');
        var at = query < 0 ? -1 : rawTarget.LastIndexOf("&s=", StringComparison.Ordinal);
        if (at < query)
        {
            at = query >= 0 && rawTarget.AsSpan(query).StartsWith("?s=", StringComparison.Ordinal) ? query : -1;
        }

        if (at < 0)
        {
            if (imgixToken is not null)
            {
                throw Forbidden("missing", $"The source '{source}' takes signed URLs only (Sources:{source}:ImgixSecureToken): add s, last, the hex MD5 of the token, the path and the query, as imgix's libraries sign.");
            }

            if (sourceKeys is not null)
            {
                throw Forbidden("missing", $"The source '{source}' takes signed URLs only (Sources:{source}:SigningKeys): add an s parameter, last, signed with one of its keys.");
            }

            if (_options.RequireSignature)
            {
                throw Forbidden("missing", "This server requires signed URLs (Security:RequireSignature): add an s parameter, last, as the README describes.");
            }

            return;
        }

        if (_keys.Length == 0 && imgixToken is null && sourceKeys is null)
        {
            return;
        }

        var payload = rawTarget[..at];
        var given = rawTarget[(at + 3)..];
        if (given.Contains('&'))
        {
            throw Forbidden("malformed", "The signature s must be the last parameter.");
        }

        var data = Encoding.UTF8.GetBytes(payload);
        var expected = Encoding.ASCII.GetBytes(given);
        var matched = false;
        foreach (var key in sourceKeys is null ? _keys : [.. sourceKeys, .. _keys])
        {
            var mac = Encoding.ASCII.GetBytes(Base64Url(HMACSHA256.HashData(key, data)));
            matched |= CryptographicOperations.FixedTimeEquals(mac, expected);
        }

        if (imgixToken is not null)
        {
            var imgix = Encoding.ASCII.GetBytes(ImgixSignature.Of(imgixToken, payload));
            matched |= CryptographicOperations.FixedTimeEquals(imgix, Encoding.ASCII.GetBytes(given.ToLowerInvariant()));
        }

        if (!matched)
        {
            throw Forbidden("invalid", imgixToken is null
                ? "The signature does not match this URL with any configured key. Sign the path and query exactly as sent."
                : $"The signature does not match this URL with the imgix token of source '{source}' (nor any configured key). Sign the path and query exactly as sent.");
        }

        var expires = QueryText.Parse(payload.Contains('?') ? payload[(payload.IndexOf('?') + 1)..] : "").FirstOrDefault(p => p.Key == "expires").Value;
        if (expires is not null)
        {
            if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                throw Problems.BadParameter("expires", $"expires must be a Unix time in whole seconds; got '{expires}'.");
            }

            if (_time.GetUtcNow().ToUnixTimeSeconds() > seconds)
            {
                throw Forbidden("expired", $"This signed URL expired at {DateTimeOffset.FromUnixTimeSeconds(seconds):u}. Ask for a fresh one.");
            }
        }
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ProblemException Forbidden(string reason, string detail) =>
        new(403, "bad-signature", "Signature refused", detail, new Dictionary<string, object?> { ["reason"] = reason });
}
