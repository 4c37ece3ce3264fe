using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MediaEdge.Caching;
using MediaEdge.Origins;
using MediaEdge.Requests;
using MediaEdge.Security;
using Microsoft.Net.Http.Headers;

namespace MediaEdge.Server.Endpoints;

/// <summary>GET/HEAD /o/{source}/{key}: originals through the shared cache, with RFC 9110 conditionals and ranges.</summary>
public static class OriginalEndpoints
{
    private static readonly string[] ActiveTypes = ["image/svg+xml", "text/html", "application/xhtml+xml", "text/xml", "application/xml"];

    public static void MapOriginalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/o/{source}/{**key}", [HttpMethods.Get, HttpMethods.Head], HandleAsync);
    }

    private static async Task HandleAsync(HttpContext context, string source, string? key, OriginalService originals, UrlSignature signature, MediaEdgeOptions options)
    {
        var request = context.Request;
        signature.Verify(context.RawTarget());
        var forwarded = SharedCachePolicy.ForwardedHeaders
            .Where(name => request.Headers.ContainsKey(name))
            .Select(name => new KeyValuePair<string, string>(name, request.Headers[name].ToString()))
            .ToList();
        var isHead = HttpMethods.IsHead(request.Method);
        await using var result = await originals.GetAsync(
            new OriginalRequest(source, key ?? string.Empty, forwarded, request.Headers.ContainsKey(HeaderNames.Authorization), isHead),
            context.RequestAborted);

        var info = result.Info;
        var contentType = info.ContentType ?? "application/octet-stream";
        var active = ActiveTypes.Any(t => contentType.StartsWith(t, StringComparison.OrdinalIgnoreCase));
        if (active && options.Security.ActiveContent.Equals("Refuse", StringComparison.OrdinalIgnoreCase))
        {
            throw Problems.UnsupportedMedia($"'{key}' is {contentType}, active content this server does not serve (Security:ActiveContent=Refuse).");
        }

        var response = context.Response;
        var headers = response.Headers;
        var etag = EntityTag(info);
        headers.ETag = etag;
        if (info.LastModified is { } modified)
        {
            headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);
        }

        headers.AcceptRanges = "bytes";
        headers.CacheControl = info.CacheHeaders.CacheControl
            ?? $"public, max-age={options.Cache.FreshSeconds}, stale-while-revalidate={options.Cache.StaleWhileRevalidateSeconds}, stale-if-error={options.Cache.StaleIfErrorSeconds}";
        // A response passed through unstored still carries the age the origin gave it (RFC 9111 5.1).
        if ((result.Stored is not null ? result.Age : info.CacheHeaders.Age) is { } age)
        {
            headers.Age = ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (info.CacheHeaders.Vary is { } vary)
        {
            headers.Vary = vary;
        }

        headers.XContentTypeOptions = "nosniff";
        headers["Server-Timing"] = "cache;desc=" + result.Tier;
        if (active)
        {
            headers.ContentDisposition = "attachment";
            headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        }

        if (NotModified(request, etag, info.LastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = contentType;
        var length = result.Stored?.Body.Length ?? info.Length;
        var ranges = length >= 0 && !isHead && RangeApplies(request, etag, info.LastModified)
            ? ByteRanges.Parse(request.Headers.Range.ToString(), length)
            : null;

        if (ranges is { Count: 0 })
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            headers.ContentRange = $"bytes */{length}";
            response.ContentLength = 0;
            return;
        }

        if (ranges is { Count: 1 })
        {
            var (start, end) = ranges[0];
            response.StatusCode = StatusCodes.Status206PartialContent;
            headers.ContentRange = $"bytes {start}-{end}/{length}";
            response.ContentLength = end - start + 1;
            await WriteSliceAsync(context, result, start, end - start + 1);
            return;
        }

        if (ranges is { Count: > 1 } && result.Stored is { } stored)
        {
            await WriteMultipartAsync(context, stored.Body, ranges, contentType, length);
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        if (length >= 0)
        {
            response.ContentLength = length;
        }

        if (!isHead)
        {
            await WriteSliceAsync(context, result, 0, length >= 0 ? length : long.MaxValue);
        }
    }

    private static string EntityTag(OriginObjectInfo info) =>
        info.HasEntityTag
            ? info.Validator
            : "\"" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(info.Validator)), 0, 18).Replace('+', '-').Replace('/', '_') + "\"";

    /// <summary>RFC 9110 13.2.2: If-None-Match (weak comparison) decides; If-Modified-Since only without it.</summary>
    private static bool NotModified(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (!string.IsNullOrWhiteSpace(ifNoneMatch))
        {
            return ImageEndpoints.IfNoneMatch(ifNoneMatch, etag);
        }

        return lastModified is { } modified
            && DateTimeOffset.TryParse(request.Headers.IfModifiedSince.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && modified.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }

    /// <summary>RFC 9110 13.1.5: with If-Range, the Range applies only if the validator still matches (strong comparison).</summary>
    private static bool RangeApplies(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        var ifRange = request.Headers.IfRange.ToString();
        if (string.IsNullOrWhiteSpace(ifRange))
        {
            return true;
        }

        if (ifRange.StartsWith('"'))
        {
            return !etag.StartsWith("W/", StringComparison.Ordinal) && ifRange == etag;
        }

        return lastModified is { } modified
            && DateTimeOffset.TryParse(ifRange, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            && modified.ToUnixTimeSeconds() == date.ToUnixTimeSeconds();
    }

    private static async Task WriteSliceAsync(HttpContext context, OriginalResult result, long start, long count)
    {
        var body = context.Response.Body;
        var aborted = context.RequestAborted;
        if (result.Stored is { } stored)
        {
            var end = (int)Math.Min(stored.Body.Length, start + count);
            await body.WriteAsync(stored.Body[(int)start..end], aborted);
            return;
        }

        var stream = result.Stream!.Body;
        var buffer = new byte[81920];
        for (var skipped = 0L; skipped < start;)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, start - skipped)), aborted);
            if (n == 0)
            {
                return;
            }

            skipped += n;
        }

        for (var left = count; left > 0;)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), aborted);
            if (n == 0)
            {
                return;
            }

            await body.WriteAsync(buffer.AsMemory(0, n), aborted);
            left -= n;
        }
    }

    private static async Task WriteMultipartAsync(HttpContext context, ReadOnlyMemory<byte> body, IReadOnlyList<(long Start, long End)> ranges, string contentType, long length)
    {
        var boundary = "mediaedge-" + Guid.NewGuid().ToString("N");
        var parts = ranges.Select(r => (Head: Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Type: {contentType}\r\nContent-Range: bytes {r.Start}-{r.End}/{length}\r\n\r\n"), r.Start, r.End)).ToList();
        var close = Encoding.ASCII.GetBytes($"--{boundary}--\r\n");
        var response = context.Response;
        response.StatusCode = StatusCodes.Status206PartialContent;
        response.ContentType = $"multipart/byteranges; boundary={boundary}";
        response.ContentLength = parts.Sum(p => p.Head.Length + (p.End - p.Start + 1) + 2) + close.Length;
        foreach (var (head, start, end) in parts)
        {
            await response.Body.WriteAsync(head, context.RequestAborted);
            await response.Body.WriteAsync(body[(int)start..(int)(end + 1)], context.RequestAborted);
            await response.Body.WriteAsync("\r\n"u8.ToArray(), context.RequestAborted);
        }

        await response.Body.WriteAsync(close, context.RequestAborted);
    }
}
