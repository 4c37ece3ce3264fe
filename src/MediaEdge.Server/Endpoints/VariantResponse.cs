using MediaEdge.Caching;
using Microsoft.Net.Http.Headers;

namespace MediaEdge.Server.Endpoints;

/// <summary>
/// How every computed variant (image, thumbnail, preview, storyboard) is answered: strong ETag, Cache-Control from the
/// freshness left, nosniff, Server-Timing; a matching If-None-Match gets 304 with the same headers; HEAD gets no body.
/// </summary>
internal static class VariantResponse
{
    /// <returns>True where the variant itself was sent (200), false for a 304.</returns>
    public static async Task<bool> WriteAsync(HttpContext context, CachedImage image, int maxAgeSeconds, CacheOptions cache, string serverTiming, Action<IHeaderDictionary>? moreHeaders = null)
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

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = image.ContentType;
        response.ContentLength = image.Bytes.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(image.Bytes, context.RequestAborted);
        }

        return true;
    }

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
