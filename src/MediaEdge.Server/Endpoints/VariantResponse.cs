using MediaEdge.Caching;
using MediaEdge.Requests;
using Microsoft.Net.Http.Headers;

namespace MediaEdge.Server.Endpoints;

/// <summary>
/// How every computed variant (image, thumbnail, preview, storyboard, clip) is answered: strong ETag, Cache-Control from
/// the freshness left, nosniff, Server-Timing; a matching If-None-Match gets 304 with the same headers; HEAD gets no body;
/// where asked (clips, which players fetch in ranges), one byte range gets 206.
/// </summary>
internal static class VariantResponse
{
    /// <param name="ranges">Whether one byte range of a GET is answered (206, or 416 where none is satisfiable; several ranges get the whole).</param>
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
            var asked = HttpMethods.IsGet(request.Method) && IfRangeHolds(request, image.ETag) ? ByteRanges.Parse(request.Headers.Range.ToString(), image.Bytes.Length) : null;
            if (asked is { Count: 0 })
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.GetTypedHeaders().ContentRange = new ContentRangeHeaderValue(image.Bytes.Length);
                response.ContentLength = 0;
                return false;
            }

            if (asked is [var (start, end)])
            {
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.GetTypedHeaders().ContentRange = new ContentRangeHeaderValue(start, end, image.Bytes.Length);
                response.ContentLength = end - start + 1;
                await response.Body.WriteAsync(image.Bytes.Slice((int)start, (int)(end - start + 1)), context.RequestAborted);
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

    /// <summary>RFC 9110 13.1.5 If-Range: absent, or our strong ETag (a date never matches a variant, which has no Last-Modified).</summary>
    private static bool IfRangeHolds(HttpRequest request, string etag) =>
        request.Headers.IfRange.Count == 0 || request.Headers.IfRange.ToString() == etag;

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
