using MediaEdge.Caching;
using MediaEdge.Requests;
using Microsoft.Net.Http.Headers;

namespace MediaEdge.Server.Endpoints;

/// <summary>
/// How every computed variant (image, thumbnail, preview, storyboard, clip) is answered: strong ETag, Cache-Control from
/// the freshness left, nosniff, Server-Timing; a matching If-None-Match gets 304 with the same headers; HEAD gets no body;
/// where asked (every video output, which players fetch in ranges), byte ranges get 206, several as multipart/byteranges.
/// </summary>
internal static class VariantResponse
{
    /// <param name="ranges">Whether byte ranges of a GET are answered (206, multipart/byteranges for several, 416 where none is satisfiable).</param>
    /// <returns>True where the variant itself was sent (200 or 206), false for a 304 or 416.</returns>
    public static async Task<bool> WriteAsync(HttpContext context, CachedImage image, int maxAgeSeconds, CacheOptions cache, string serverTiming, Action<IHeaderDictionary>? moreHeaders = null, bool ranges = false)
    {
        var request = context.Request;
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = image.ETag;
        headers.CacheControl = FreshnessPolicy.CacheControl(cache, maxAgeSeconds);
        moreHeaders?.Invoke(headers);
        headers.XContentTypeOptions = "nosniff";
        headers["Server-Timing"] = serverTiming;

        if (Matches(request, image.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return false;
        }

        response.ContentType = image.ContentType;
        if (ranges)
        {
            headers.AcceptRanges = "bytes";
            var length = image.Bytes.Length;

            // GET only (RFC 9110 §14.2): HEAD gets the 200's headers, as the shield's HEAD does.
            var asked = HttpMethods.IsGet(request.Method) && IfRangeHolds(request, image.ETag) ? ByteRanges.Parse(request.Headers.Range.ToString(), length) : null;
            if (asked is { Count: 0 })
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.GetTypedHeaders().ContentRange = new ContentRangeHeaderValue(length);
                response.ContentLength = 0;
                return false;
            }

            if (asked is [var (start, end)])
            {
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.GetTypedHeaders().ContentRange = new ContentRangeHeaderValue(start, end, length);
                response.ContentLength = end - start + 1;
                await response.Body.WriteAsync(image.Bytes.Slice((int)start, (int)(end - start + 1)), context.RequestAborted);
                return true;
            }

            if (asked is { Count: > 1 })
            {
                await MultipartByteRanges.WriteAsync(context, image.Bytes, asked, image.ContentType, length);
                return true;
            }
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = image.Bytes.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(image.Bytes, context.RequestAborted);
        }

        return true;
    }

    /// <summary>
    /// RFC 9110 §13.1.5 If-Range: absent, or an entity-tag equal to ours by strong comparison. A date matches nothing: a
    /// variant sends no Last-Modified, so no date can be shown to be its, and the whole is the safe answer.
    /// </summary>
    private static bool IfRangeHolds(HttpRequest request, string etag) =>
        request.Headers.IfRange.Count == 0
        || (request.GetTypedHeaders().IfRange?.EntityTag is { } tag && EntityTagHeaderValue.TryParse(etag, out var ours) && tag.Compare(ours, useStrongComparison: true));

    /// <summary>
    /// RFC 9110 13.1.2 If-None-Match: <c>*</c> or any listed tag equal to <paramref name="etag"/> by weak comparison, parsed
    /// by ASP.NET Core's typed headers (only when the header is there: the hit path parses nothing).
    /// </summary>
    internal static bool Matches(HttpRequest request, string etag)
    {
        if (request.Headers.IfNoneMatch.Count == 0)
        {
            return false;
        }

        var ours = EntityTagHeaderValue.Parse(etag);
        return request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ours, useStrongComparison: false));
    }
}
