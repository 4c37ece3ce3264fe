using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MediaEdge.Caching;
using MediaEdge.Origins;

namespace MediaEdge.Shield;

/// <summary>
/// A folder or blob store answered as an HTTP origin for the shared cache: GET and HEAD give 200 with Content-Type,
/// Content-Length, ETag, Last-Modified and the Cache-Control the store keeps (an Azure blob's property) or, where it
/// keeps none, the configured freshness; a matching If-None-Match / If-Modified-Since gives 304.
/// </summary>
internal sealed class StoreForwarder(IOrigin origin, CacheOptions options)
{
    public async Task<ForwardedResponse> ForwardAsync(ForwardedRequest request, CancellationToken cancellationToken)
    {
        var ifNoneMatch = request.Headers.Combined("If-None-Match");
        var ifModifiedSince = request.Headers.First("If-Modified-Since");
        var head = request.Method == "HEAD";
        if (head || ifNoneMatch is not null || ifModifiedSince is not null)
        {
            var info = await origin.StatAsync(request.Key, cancellationToken).ConfigureAwait(false);
            var fields = Describe(info);
            if (NotModified(fields, info, ifNoneMatch, ifModifiedSince))
            {
                return new ForwardedResponse(304, fields, Stream.Null, -1);
            }

            if (head)
            {
                return new ForwardedResponse(200, [.. fields, new HeaderField("Content-Length", info.Length.ToString(CultureInfo.InvariantCulture))], Stream.Null, -1);
            }
        }

        var stream = await origin.OpenAsync(request.Key, null, cancellationToken).ConfigureAwait(false);
        return new ForwardedResponse(200, Describe(stream.Info), stream.Body, stream.Info.Length);
    }

    /// <summary>The origin's entity-tag where it has one; else a strong tag made from its validator (length and modification time).</summary>
    public static string EntityTag(OriginObjectInfo info) =>
        info.HasEntityTag
            ? info.Validator
            : "\"" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(info.Validator)), 0, 18).Replace('+', '-').Replace('/', '_') + "\"";

    private HeaderField[] Describe(OriginObjectInfo info)
    {
        var fields = new List<HeaderField>
        {
            new("Content-Type", info.ContentType ?? "application/octet-stream"),
            new("ETag", EntityTag(info)),
            new("Cache-Control", info.CacheHeaders.CacheControl
                ?? FreshnessPolicy.CacheControl(options, options.FreshSeconds)),
        };
        if (info.LastModified is { } modified)
        {
            fields.Add(new HeaderField("Last-Modified", HttpDate.Format(modified)));
        }

        return [.. fields];
    }

    private static bool NotModified(HeaderField[] fields, OriginObjectInfo info, string? ifNoneMatch, string? ifModifiedSince)
    {
        // The same comparisons as the /o/ endpoint's (EntityTags, HttpDate), on fields forwarded as lines, not an HttpRequest.
        if (ifNoneMatch is not null)
        {
            return EntityTags.WeakMatch(ifNoneMatch, fields.First("ETag"));
        }

        return info.LastModified is { } modified && HttpDate.TryParse(ifModifiedSince, modified, out var since)
            && modified.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }
}
